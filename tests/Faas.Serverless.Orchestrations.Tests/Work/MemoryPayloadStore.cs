using System.Collections.Concurrent;
using System.Text.Json;
using Faas.Serverless.Orchestrations.Engine;

namespace Faas.Serverless.Orchestrations.Tests.Work;

/// <summary>Payloads in memory, counting reads, for tests of what reads them.</summary>
internal sealed class MemoryPayloadStore : IExecutionPayloadStore
{
    private readonly ConcurrentDictionary<string, byte[]> _payloads = new(StringComparer.Ordinal);

    public int Reads { get; private set; }

    public Task WriteAsync(string executionId, string name, ReadOnlyMemory<byte> json, CancellationToken cancellationToken = default)
    {
        _payloads[$"{executionId}/{name}"] = json.ToArray();
        return Task.CompletedTask;
    }

    public Task<T> ReadAsync<T>(string executionId, string name, CancellationToken cancellationToken = default)
    {
        Reads++;
        return Task.FromResult(JsonSerializer.Deserialize<T>(_payloads[$"{executionId}/{name}"])!);
    }
}
