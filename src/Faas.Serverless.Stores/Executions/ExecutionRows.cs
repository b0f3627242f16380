using System.Globalization;
using Azure.Data.Tables;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Stores.Executions;

/// <summary>
/// One partition per execution in the executions table: the instance row (empty RowKey), the status history
/// ("h" + zero-padded sequence), the log meter ("k") and the captured logs ("l" + time + a unique suffix), the
/// truncation line last of them. Info, state and history entries are JSON documents (see <see cref="DocumentColumns"/>).
/// </summary>
internal sealed class ExecutionRows(DocumentColumns documents)
{
    public const string Instance = "";
    public const string HistoryPrefix = "h";
    public const string LogPrefix = "l";
    public const string LogMeter = "k";
    public const string Info = "Info";
    public const string State = "State";
    public const string Entry = "Entry";

    /// <summary>Nineteen nines: after the key of any real time, so the truncation line reads last.</summary>
    private const string TruncationKey = LogPrefix + "9999999999999999999-truncated";

    /// <summary>Deletes the blob a committed write left unreferenced (see <see cref="ToInstanceAsync"/>), best effort.</summary>
    public Task DeleteReplacedAsync(string? replacedBlob, CancellationToken cancellationToken) =>
        documents.DeleteAsync([replacedBlob], cancellationToken);

    public static string History(int sequence) => HistoryPrefix + sequence.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The instance row, and the blob of <paramref name="previous"/>'s state that writing it leaves unreferenced.</summary>
    public async Task<(TableEntity Entity, string? ReplacedBlob)> ToInstanceAsync(
        ExecutionInfo info, ExecutionState state, ExecutionRecord? previous, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(info.Id, Instance)
        {
            ["ProjectId"] = info.ProjectId,
            ["ServiceId"] = info.ServiceId,
            ["Status"] = state.Status.ToWireName(),
            ["UpdatedAt"] = state.UpdatedAt,
        };
        var infoJson = StoreJson.Serialize(info);
        var stateJson = StoreJson.Serialize(state);
        var previousState = previous is null ? null : StoreJson.Serialize(previous.State);

        // Info never changes after creation: the same record needs no second serialization to be recognised.
        var previousInfo = previous is null ? null : ReferenceEquals(previous.Info, info) ? infoJson : StoreJson.Serialize(previous.Info);
        await documents.WriteAsync(entity, Info, infoJson, previousInfo, cancellationToken);
        await documents.WriteAsync(entity, State, stateJson, previousState, cancellationToken);
        return (entity, documents.Replaced(info.Id, Instance, State, previousState, stateJson));
    }

    public Task<ExecutionRecord?> FromInstanceAsync(TableEntity entity, CancellationToken cancellationToken) =>
        documents.MapAsync(
            entity,
            async row => new ExecutionRecord(
                StoreJson.Deserialize<ExecutionInfo>(await documents.ReadAsync(row, Info, cancellationToken), row.PartitionKey),
                StoreJson.Deserialize<ExecutionState>(await documents.ReadAsync(row, State, cancellationToken), row.PartitionKey),
                row.ETag.ToString()),
            cancellationToken);

    public async Task<TableEntity> ToHistoryAsync(string executionId, int sequence, StatusEntry entry, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(executionId, History(sequence));
        await documents.WriteAsync(entity, Entry, StoreJson.Serialize(entry), previous: null, cancellationToken);
        return entity;
    }

    public Task<StatusEntry?> FromHistoryAsync(TableEntity entity, CancellationToken cancellationToken) =>
        documents.MapAsync(entity, async row => StoreJson.Deserialize<StatusEntry>(await documents.ReadAsync(row, Entry, cancellationToken), row.RowKey), cancellationToken);

    public static TableEntity ToLog(string executionId, ExecutionLogLine line)
    {
        var entity = new TableEntity(executionId, $"{LogPrefix}{line.Timestamp.UtcTicks:D19}-{KeySafe(line.EventId)}")
        {
            ["LoggedAt"] = line.Timestamp,
            ["Attempt"] = line.Attempt,
            ["Stream"] = line.Stream,
            ["Message"] = line.Message.Length > 30_000 ? line.Message[..30_000] + "… (truncated)" : line.Message,
        };

        // An absent column, not a null one: the table service has no null values.
        if (line.Level is { } level)
        {
            entity["Level"] = level;
        }

        return entity;
    }

    /// <summary>Event ids come from runners; keys may not hold / \ # ? or control characters, and stay short.</summary>
    private static string KeySafe(string value)
    {
        var safe = new string([.. value.Take(100).Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c)]);
        return safe.Length == 0 ? "_" : safe;
    }

    public static (long Bytes, long Dropped) FromLogMeter(TableEntity? meter) =>
        meter is null ? (0, 0) : (meter.GetInt64("Bytes") ?? 0, meter.GetInt64("Dropped") ?? 0);

    public static TableEntity ToLogMeter(string executionId, long bytes, long dropped) =>
        new(executionId, LogMeter) { ["Bytes"] = bytes, ["Dropped"] = dropped };

    public static TableEntity ToTruncation(string executionId, long dropped, DateTimeOffset at) =>
        new(executionId, TruncationKey)
        {
            ["LoggedAt"] = at,
            ["Attempt"] = 0,
            ["Stream"] = "system",
            ["Level"] = "WARNING",
            ["Message"] = $"[truncated: {dropped} lines dropped]",
        };

    public static ExecutionLogLine FromLog(TableEntity entity) => new(
        entity.GetDateTimeOffset("LoggedAt") ?? DateTimeOffset.MinValue,
        entity.GetInt32("Attempt") ?? 0,
        entity.GetString("Stream") ?? "stdout",
        entity.GetString("Level"),
        entity.GetString("Message") ?? string.Empty,
        entity.RowKey[(LogPrefix.Length + 20)..]);
}
