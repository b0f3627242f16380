using Microsoft.Extensions.Caching.Memory;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>
/// Execution records as this host last wrote or read them. The orchestration's commits land through this host's
/// activities, so the cache is usually current; callers that must see another host's writes use <see cref="ReadAsync"/>.
/// </summary>
public sealed class ExecutionRecords(IExecutionStore store, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task<ExecutionRecord?> GetAsync(string executionId, CancellationToken cancellationToken = default) =>
        cache.TryGetValue(Key(executionId), out ExecutionRecord? cached) ? cached : await ReadAsync(executionId, cancellationToken);

    /// <summary>Reads the stored record, bypassing (and refreshing) the cache.</summary>
    public async Task<ExecutionRecord?> ReadAsync(string executionId, CancellationToken cancellationToken = default)
    {
        var record = await store.GetAsync(executionId, cancellationToken);
        if (record is not null)
        {
            Remember(record);
        }

        return record;
    }

    public void Remember(ExecutionRecord record) => cache.Set(Key(record.Info.Id), record, Lifetime);

    private static string Key(string executionId) => "execution:" + executionId;
}
