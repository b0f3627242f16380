using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Triggers;

/// <summary>
/// Trigger names are unique per project regardless of case: a name row in the project's partition claims each name,
/// written in the same entity-group transaction as the trigger row, so two creates or renames cannot both win.
/// </summary>
public sealed partial class TableTriggerStore
{
    /// <summary>Name rows sort after every trigger row (ids are lowercase hex), so listings stop before them.</summary>
    internal const string NamePrefix = "name|";

    private async Task<Trigger> AddWithNameAsync(Trigger trigger, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            var results = await _table.SubmitTransactionAsync(
                [new(TableTransactionActionType.Add, NameRow(trigger)), new(TableTransactionActionType.Add, entity)],
                cancellationToken);
            return trigger with { RowETag = StoreErrors.ETagOf(results.Value[1]) };
        }
        catch (Azure.RequestFailedException ex) when (ex.IsConflict())
        {
            await _documents.DeleteAsync([_documents.Replaced(trigger.ProjectId, trigger.Id, TriggerRows.Spec, TriggerRows.SpecJson(trigger), next: null)], cancellationToken);
            throw await NameTakenAsync(trigger, cancellationToken);
        }
    }

    /// <summary>A rename moves the name claim in the same transaction that replaces the trigger row.</summary>
    private async Task<Azure.Response> ReplaceWithNewNameAsync(Trigger current, Trigger replacement, TableEntity entity, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        if (await OwnNameRowAsync(current, cancellationToken) is { } oldName)
        {
            actions.Add(new(TableTransactionActionType.Delete, oldName, oldName.ETag));
        }

        actions.Add(new(TableTransactionActionType.Add, NameRow(replacement)));
        actions.Add(new(TableTransactionActionType.UpdateReplace, entity, StoreErrors.ToETag(current.RowETag, $"Trigger '{current.Id}'")));
        try
        {
            var results = await _table.SubmitTransactionAsync(actions, cancellationToken);
            return results.Value[^1];
        }
        catch (Azure.RequestFailedException ex) when (ex.IsConflict())
        {
            throw await NameTakenAsync(replacement, cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.IsPreconditionFailed() || ex.IsNotFound())
        {
            throw new PreconditionFailedException($"Trigger '{current.Id}' changed since it was read.");
        }
    }

    /// <summary>Deletes the trigger row (guarded by its ETag) and its name claim together.</summary>
    private async Task DeleteWithNameAsync(Trigger current, CancellationToken cancellationToken)
    {
        var row = new TableEntity(current.ProjectId, current.Id);
        if (await OwnNameRowAsync(current, cancellationToken) is not { } name)
        {
            // A trigger made before names were claimed has no name row; a row already gone answers 404 without throwing.
            await _table.DeleteEntityAsync(current.ProjectId, current.Id, StoreErrors.ToETag(current.RowETag, $"Trigger '{current.Id}'"), cancellationToken);
            return;
        }

        try
        {
            await _table.SubmitTransactionAsync(
                [new(TableTransactionActionType.Delete, row, StoreErrors.ToETag(current.RowETag, $"Trigger '{current.Id}'")), new(TableTransactionActionType.Delete, name, name.ETag)],
                cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.IsNotFound())
        {
            // Deleted by a concurrent request, which released the name with it: the outcome the caller wanted.
        }
    }

    /// <summary>The name row of <paramref name="trigger"/>'s name, if it is this trigger's claim.</summary>
    private async Task<TableEntity?> OwnNameRowAsync(Trigger trigger, CancellationToken cancellationToken) =>
        await StoreErrors.GetAsync(_table, trigger.ProjectId, NameKey(trigger.Name), cancellationToken: cancellationToken) is { } row
            && row.GetString("TriggerId") == trigger.Id
            ? row
            : null;

    private async Task<ConflictException> NameTakenAsync(Trigger trigger, CancellationToken cancellationToken)
    {
        var holder = await StoreErrors.GetAsync(_table, trigger.ProjectId, NameKey(trigger.Name), cancellationToken: cancellationToken);
        return holder?.GetString("TriggerId") is { } existing
            ? new ConflictException($"A trigger named '{holder.GetString("Name")}' already exists in project '{trigger.ProjectId}': trigger '{existing}'. Trigger names are unique per project regardless of case.")
            : new ConflictException($"Trigger '{trigger.Id}' already exists.");
    }

    private static TableEntity NameRow(Trigger trigger) =>
        new(trigger.ProjectId, NameKey(trigger.Name)) { ["TriggerId"] = trigger.Id, ["Name"] = trigger.Name };

    /// <summary>Hashed, since a name may hold characters a RowKey cannot ('/', '#', '?').</summary>
    private static string NameKey(string name) =>
        NamePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name.ToUpperInvariant())));

    private static bool SameName(Trigger current, Trigger replacement) => NameKey(current.Name) == NameKey(replacement.Name);
}
