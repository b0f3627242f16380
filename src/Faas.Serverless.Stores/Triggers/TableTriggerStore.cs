using Azure.Data.Tables;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Triggers;

/// <summary>Triggers on Table storage, one partition per project (see <see cref="TriggerRows"/>).</summary>
public sealed partial class TableTriggerStore : ITriggerStore
{
    private const int MaxCountAttempts = 20;
    private readonly TableClient _table;
    private readonly DocumentColumns _documents;
    private readonly TriggerRows _rows;

    public TableTriggerStore(StoreTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Triggers;
        _documents = tables.DocumentsOf(_table);
        _rows = new TriggerRows(_documents);
    }

    public Task<Trigger> CreateAsync(Trigger trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return StorageFailure.TranslateAsync(
            async () =>
            {
                var entity = await _rows.ToEntityAsync(trigger, previous: null, cancellationToken);
                return await AddWithNameAsync(trigger, entity, cancellationToken);
            },
            "creating a trigger");
    }

    public Task<Trigger?> GetAsync(string projectId, string triggerId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => ReadAsync(projectId, triggerId, cancellationToken), "reading a trigger");

    public Task<Page<Trigger>> ListAsync(string projectId, PageRequest page, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            () => TablePaging.ReadPageAsync(_table, TableClient.CreateQueryFilter($"PartitionKey eq {projectId} and RowKey lt {NamePrefix}"), page, _rows.FromEntityAsync, cancellationToken),
            "listing triggers");

    public Task<IReadOnlyList<Trigger>> ListActiveEventTriggersAsync(string projectId, TriggerResource resource, CancellationToken cancellationToken = default) =>
        QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {projectId} and Active eq {true} and Type eq {nameof(TriggerType.Event)} and Resource eq {resource.ToString()}"), cancellationToken);

    public Task<IReadOnlyList<Trigger>> ListActiveCronTriggersAsync(CancellationToken cancellationToken = default) =>
        QueryAllAsync(TableClient.CreateQueryFilter($"Active eq {true} and Type eq {nameof(TriggerType.Cron)}"), cancellationToken);

    public Task<Trigger> ReplaceAsync(Trigger current, Trigger replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(replacement);
        return StorageFailure.TranslateAsync(
            async () =>
            {
                var entity = await _rows.ToEntityAsync(replacement, current, cancellationToken);
                Azure.Response response;
                try
                {
                    response = SameName(current, replacement)
                        ? await _table.UpdateEntityAsync(entity, StoreErrors.ToETag(current.RowETag, $"Trigger '{current.Id}'"), TableUpdateMode.Replace, cancellationToken)
                        : await ReplaceWithNewNameAsync(current, replacement, entity, cancellationToken);
                }
                catch (Azure.RequestFailedException ex) when (ex.IsPreconditionFailed() || ex.IsNotFound())
                {
                    throw new PreconditionFailedException($"Trigger '{current.Id}' changed since it was read.");
                }

                var replaced = _documents.Replaced(current.ProjectId, current.Id, TriggerRows.Spec, TriggerRows.SpecJson(current), TriggerRows.SpecJson(replacement));
                await _documents.DeleteAsync([replaced], cancellationToken);
                return replacement with { RowETag = StoreErrors.ETagOf(response) };
            },
            "replacing a trigger");
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

    public Task DeleteAsync(Trigger current, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        return StorageFailure.TranslateAsync(
            async () =>
            {
                try
                {
                    await DeleteWithNameAsync(current, cancellationToken);
                }
                catch (Azure.RequestFailedException ex) when (ex.IsPreconditionFailed())
                {
                    throw new PreconditionFailedException($"Trigger '{current.Id}' changed since it was read.");
                }

                await _documents.DeleteAsync([_documents.Replaced(current.ProjectId, current.Id, TriggerRows.Spec, TriggerRows.SpecJson(current), next: null)], cancellationToken);
            },
            "deleting a trigger");
    }

    private async Task<Trigger?> ReadAsync(string projectId, string triggerId, CancellationToken cancellationToken)
    {
        // Ids are 32 lowercase hex digits; anything else cannot name a row and is simply not found.
        if (triggerId is not { Length: 32 } || !triggerId.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        return await StoreErrors.GetAsync(_table, projectId, triggerId, cancellationToken: cancellationToken) is { } entity
            ? await _rows.FromEntityAsync(entity, cancellationToken)
            : null;
    }

    private Task<IReadOnlyList<Trigger>> QueryAllAsync(string filter, CancellationToken cancellationToken) =>
        StorageFailure.TranslateAsync<IReadOnlyList<Trigger>>(
            async () =>
            {
                var triggers = new List<Trigger>();
                await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                {
                    if (await _rows.FromEntityAsync(entity, cancellationToken) is { } trigger)
                    {
                        triggers.Add(trigger);
                    }
                }

                return triggers;
            },
            "listing triggers");
}
