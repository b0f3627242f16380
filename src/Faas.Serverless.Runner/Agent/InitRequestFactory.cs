using System.Text.Json;
using System.Text.Json.Nodes;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Worker;

namespace Faas.Serverless.Runner.Agent;

/// <summary>
/// Builds the workers' <c>init</c> from the spec; <c>context</c> carries service, project and bot. Each worker runs one
/// call at a time (concurrency 1): the agent starts one worker per slot.
/// </summary>
internal static class InitRequestFactory
{
    public static InitRequest Create(RunnerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var context = new JsonObject
        {
            ["service"] = new JsonObject
            {
                ["id"] = spec.ServiceId,
                ["name"] = spec.ServiceName,
                ["version"] = spec.Version,
                ["packageId"] = spec.PackageId,
                ["packageName"] = spec.PackageName,
                ["packageRevision"] = spec.PackageRevision,
                ["moduleName"] = spec.Module.Name,
                ["concurrency"] = spec.Concurrency,
            },
            ["project"] = new JsonObject { ["id"] = spec.ProjectId },
            ["bot"] = spec.Bot is { } bot ? JsonNode.Parse(bot.GetRawText()) : null,
        };
        return new InitRequest(
            spec.InitParams is { ValueKind: JsonValueKind.Object } initParams ? initParams : Parse("{}"),
            spec.Module.Functions is { ValueKind: JsonValueKind.Array } functions ? functions : Parse("[]"),
            1,
            Parse(context.ToJsonString()),
            spec.Limits ?? RunnerLimits.Default);
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
