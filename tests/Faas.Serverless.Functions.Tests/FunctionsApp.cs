using System.Text.Json;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Functions.Tests;

/// <summary>
/// The Functions app as built next to its project (in Debug or Release like this test assembly): what the Functions
/// host reads, functions.metadata and host.json, which <c>dotnet publish</c> ships unchanged (.ci/run checks that).
/// </summary>
public static class FunctionsApp
{
    public static string OutputDirectory { get; } = RepositoryBuild.OutputOf("functions/Faas.Serverless.Functions");

    /// <summary>Every function the SDK found, with its bindings.</summary>
    public static IReadOnlyList<FunctionMetadata> Functions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory, "functions.metadata")));
        return document.RootElement.EnumerateArray().Select(function => new FunctionMetadata(
            function.GetProperty("name").GetString()!,
            function.GetProperty("bindings").EnumerateArray().Select(binding => new BindingMetadata(
                binding.GetProperty("type").GetString()!,
                binding.TryGetProperty("authLevel", out var level) ? level.GetString() : null,
                binding.TryGetProperty("route", out var route) ? route.GetString() : null,
                binding.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(method => method.GetString()!).ToList() : [])).ToList())).ToList();
    }

    /// <summary>host.json's <c>extensions.http.routePrefix</c>: what the Functions host puts before every HTTP route.</summary>
    public static string RoutePrefix()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory, "host.json")));
        return document.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString()!;
    }
}

public sealed record FunctionMetadata(string Name, IReadOnlyList<BindingMetadata> Bindings);

public sealed record BindingMetadata(string Type, string? AuthLevel, string? Route, IReadOnlyList<string> Methods);
