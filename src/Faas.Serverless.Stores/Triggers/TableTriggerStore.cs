using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Triggers;

namespace Faas.Serverless.Stores.Triggers;

/// <summary>Triggers on Table storage, one partition per project (see <see cref="TriggerRows"/>).</summary>
public sealed class TableTriggerStore(StoreTables tables) : ITriggerStore
{
    private const int MaxCountAttempts = 20;
    private readonly TableClient _table = tables.Triggers;

    public async Task<Trigger> CreateAsync(Trigger trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var etag = await StoreErrors.AddAsync(_table, TriggerRows.ToEntity(trigger), $"Trigger '{trigger.Id}' already exists.", cancellationToken);
        return trigger with { RowETag = etag };
    }

    public async Task<Trigger?> GetAsync(string projectId, string triggerId, CancellationToken cancellationToken = default)
    {
        // Ids are 32 lowercase hex digits; anything else cannot name a row and is simply not found.
        if (triggerId is not { Length: 32 } || !triggerId.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var entity = await _table.GetEntityAsync(projectId, triggerId, cancellationToken: cancellationToken);
        return entity is null ? null : TriggerRows.FromEntity(entity);
    }

    public Task<Page<Trigger>> ListAsync(string projectId, PageRequest page, CancellationToken cancellationToken = default) =>
        TablePaging.ReadPageAsync(_table, TableFilter.Format($"PartitionKey eq {projectId}"), page, TriggerRows.FromEntity, cancellationToken);

    public Task<IReadOnlyList<Trigger>> ListActiveEventTriggersAsync(string projectId, TriggerResource resource, CancellationToken cancellationToken = default) =>
        QueryAllAsync(TableFilter.Format($"PartitionKey eq {projectId} and Active eq {true} and Type eq {nameof(TriggerType.Event)} and Resource eq {resource.ToString()}"), cancellationToken);

    public Task<IReadOnlyList<Trigger>> ListActiveCronTriggersAsync(CancellationToken cancellationToken = default) =>
        QueryAllAsync(TableFilter.Format($"Active eq {true} and Type eq {nameof(TriggerType.Cron)}"), cancellationToken);

    public async Task<Trigger> ReplaceAsync(Trigger current, Trigger replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(replacement);
        try
        {
            var etag = await _table.UpdateEntityAsync(TriggerRows.ToEntity(replacement), current.RowETag, TableUpdateMode.Replace, cancellationToken);
            return replacement with { RowETag = etag };
        }
        catch (StorageException ex) when (ex.IsPreconditionFailed || ex.IsNotFound)
        {
            throw new PreconditionFailedException($"Trigger '{current.Id}' changed since it was read.");
        }
    }

    public Task<Trigger> SetStateAsync(Trigger current, TriggerState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        return ReplaceAsync(current, current with { State = state }, cancellationToken);
    }

    public async Task<bool> CountEventsAsync(string projectId, string triggerId, long skipped, long droppedLoop, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(projectId, triggerId, cancellationToken);
            if (current is null)
            {
                return false;
            }

            var state = current.State with
            {
                SkippedEvents = current.State.SkippedEvents + skipped,
                DroppedLoopEvents = current.State.DroppedLoopEvents + droppedLoop,
            };
            try
            {
                await SetStateAsync(current, state, cancellationToken);
                return true;
            }
            catch (PreconditionFailedException) when (attempt < MaxCountAttempts)
            {
                // Another host counted at the same moment; jitter keeps a crowd of them from colliding again.
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }

    public async Task DeleteAsync(Trigger current, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        try
        {
            await _table.DeleteEntityAsync(current.ProjectId, current.Id, current.RowETag, cancellationToken);
        }
        catch (StorageException ex) when (ex.IsPreconditionFailed)
        {
            throw new PreconditionFailedException($"Trigger '{current.Id}' changed since it was read.");
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            // Deleted by a concurrent request: the outcome the caller wanted.
        }
    }

    private async Task<IReadOnlyList<Trigger>> QueryAllAsync(string filter, CancellationToken cancellationToken)
    {
        var triggers = new List<Trigger>();
        await foreach (var entity in _table.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            triggers.Add(TriggerRows.FromEntity(entity));
        }

        return triggers;
    }
}
