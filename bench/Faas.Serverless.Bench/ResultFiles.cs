using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Serverless.Bench;

/// <summary>Reads and writes result files: the JSON and the markdown table beside it.</summary>
internal static class ResultFiles
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<BenchResult> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<BenchResult>(stream, Options, cancellationToken)
            ?? throw new JsonException($"{path} holds no result.");
    }

    public static async Task WriteAsync(string directory, BenchResult result, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, result.Name + ".json"), JsonSerializer.Serialize(result, Options) + "\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, result.Name + ".md"), ResultTable.Markdown(result), cancellationToken);
    }
}
