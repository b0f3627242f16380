namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>
/// Inputs and outputs too large for a queue message or a table row (see <see cref="ExecutionLimitOptions.InlineBytes"/>),
/// kept per execution under a name; the execution's rows and messages hold only the name.
/// </summary>
public interface IExecutionPayloadStore
{
    /// <summary>Stores <paramref name="json"/>, replacing what the name held: a redelivered report writes the same bytes again.</summary>
    Task WriteAsync(string executionId, string name, ReadOnlyMemory<byte> json, CancellationToken cancellationToken = default);

    Task<T> ReadAsync<T>(string executionId, string name, CancellationToken cancellationToken = default);
}

/// <summary>The names payloads are stored under.</summary>
public static class PayloadNames
{
    public const string Input = "input.json";

    public static string Output(int attempt) => $"output-{attempt}.json";
}
