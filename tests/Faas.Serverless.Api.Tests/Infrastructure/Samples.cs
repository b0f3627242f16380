using System.IO.Compression;
using System.Net;
using System.Text.Json;

namespace Faas.Serverless.Api.Tests.Infrastructure;

/// <summary>The repository's sample packages (samples/), zipped the way samples/push.sh does.</summary>
public static class Samples
{
    public static string Root { get; } = FindRoot();

    public static byte[] Zip(string sample)
    {
        var source = Path.Combine(Root, "samples", sample, "src");
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(f => !f.Contains("__pycache__", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                archive.CreateEntryFromFile(file, Path.GetRelativePath(source, file).Replace('\\', '/'));
            }
        }

        return buffer.ToArray();
    }

    public static string Schema(string sample) => File.ReadAllText(Path.Combine(Root, "samples", sample, "faas.json"));

    /// <summary>Pushes a sample (optionally with its source patched) and returns the package JSON.</summary>
    public static async Task<JsonElement> PushAsync(HttpClient client, string projectId, string sample, byte[]? zip = null)
    {
        using var response = await Codebases.PushAsync(client, projectId, Schema(sample), zip ?? Zip(sample));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Pushing {sample} returned {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Faas.Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Faas.Serverless.sln).");
    }
}
