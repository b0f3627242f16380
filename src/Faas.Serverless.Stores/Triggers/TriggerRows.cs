using Azure.Data.Tables;
using Faas.Serverless.Domain.Triggers;

namespace Faas.Serverless.Stores.Triggers;

/// <summary>
/// One row per trigger in its project's partition (RowKey = trigger id): the definition, the user-facing ETag and
/// the platform's state, so the dispatcher's checkpoint commit also fails when a user changed the trigger. The spec
/// is a JSON document (see <see cref="DocumentColumns"/>); what queries filter on are columns of their own.
/// </summary>
internal sealed class TriggerRows(DocumentColumns documents)
{
    public const string Spec = "Spec";

    public static string SpecJson(Trigger trigger) => StoreJson.Serialize(trigger.Spec);

    /// <param name="previous">The trigger this row replaces, whose spec need not be uploaded again when unchanged.</param>
    public async Task<TableEntity> ToEntityAsync(Trigger trigger, Trigger? previous, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(trigger.ProjectId, trigger.Id)
        {
            ["Name"] = trigger.Name,
            ["Type"] = trigger.Type.ToString(),
            ["Active"] = trigger.Active,
            ["Resource"] = trigger.Spec.Resource?.ToString() ?? string.Empty,
            ["CreatedAt"] = trigger.CreatedAt,
            ["UpdatedAt"] = trigger.UpdatedAt,
            ["Creator"] = trigger.Creator,
            ["UserETag"] = trigger.ETag,
            ["SkippedTicks"] = trigger.State.SkippedTicks,
            ["SkippedEvents"] = trigger.State.SkippedEvents,
            ["DroppedLoopEvents"] = trigger.State.DroppedLoopEvents,
        };
        if (trigger.State.Checkpoint is { } checkpoint)
        {
            entity["Checkpoint"] = checkpoint;
        }

        if (trigger.State.LastFiredTick is { } lastFired)
        {
            entity["LastFiredTick"] = lastFired;
        }

        await documents.WriteAsync(entity, Spec, SpecJson(trigger), previous is null ? null : SpecJson(previous), cancellationToken);
        return entity;
    }

    public Task<Trigger?> FromEntityAsync(TableEntity entity, CancellationToken cancellationToken) =>
        documents.MapAsync(entity, async row => ToTrigger(row, await documents.ReadAsync(row, Spec, cancellationToken)), cancellationToken);

    private static Trigger ToTrigger(TableEntity entity, string spec) => new(
        entity.RowKey,
        entity.PartitionKey,
        entity.GetString("Name") ?? string.Empty,
        Enum.Parse<TriggerType>(entity.GetString("Type") ?? nameof(TriggerType.Event)),
        entity.GetBoolean("Active") ?? false,
        StoreJson.Deserialize<TriggerSpec>(spec, entity.RowKey),
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("Creator") ?? string.Empty,
        entity.GetString("UserETag") ?? string.Empty,
        new TriggerState(
            entity.GetDateTimeOffset("Checkpoint"),
            entity.GetDateTimeOffset("LastFiredTick"),
            entity.GetInt64("SkippedTicks") ?? 0,
            entity.GetInt64("SkippedEvents") ?? 0,
            entity.GetInt64("DroppedLoopEvents") ?? 0),
        entity.ETag.ToString());
}
