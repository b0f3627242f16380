using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Triggers;

namespace Faas.Serverless.Stores.Triggers;

/// <summary>
/// One row per trigger in its project's partition (RowKey = trigger id): the definition, the user-facing ETag and
/// the platform's state, so the dispatcher's checkpoint commit also fails when a user changed the trigger.
/// </summary>
internal static class TriggerRows
{
    public static TableEntity ToEntity(Trigger trigger)
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
        };
        LargeText.Write(entity, "Spec", StoreJson.Serialize(trigger.Spec));
        WriteState(entity, trigger.State);
        return entity;
    }

    public static Trigger FromEntity(TableEntity entity) => new(
        entity.RowKey,
        entity.PartitionKey,
        entity.GetString("Name") ?? string.Empty,
        Enum.Parse<TriggerType>(entity.GetString("Type") ?? nameof(TriggerType.Event)),
        entity.GetBoolean("Active") ?? false,
        StoreJson.Deserialize<TriggerSpec>(LargeText.Read(entity, "Spec"), entity.RowKey),
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
        entity.ETag ?? string.Empty);

    private static void WriteState(TableEntity entity, TriggerState state)
    {
        entity["Checkpoint"] = state.Checkpoint;
        entity["LastFiredTick"] = state.LastFiredTick;
        entity["SkippedTicks"] = state.SkippedTicks;
        entity["SkippedEvents"] = state.SkippedEvents;
        entity["DroppedLoopEvents"] = state.DroppedLoopEvents;
    }
}
