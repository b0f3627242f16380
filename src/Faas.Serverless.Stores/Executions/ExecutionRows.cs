using System.Globalization;
using Faas.Serverless.AzureStorage;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Stores.Executions;

/// <summary>
/// One partition per execution in the executions table: the instance row (empty RowKey), the status history
/// ("h" + zero-padded sequence), the log meter ("k") and the captured logs ("l" + time + a unique suffix), the
/// truncation line last of them.
/// </summary>
internal static class ExecutionRows
{
    public const string Instance = "";
    public const string HistoryPrefix = "h";
    public const string LogPrefix = "l";
    public const string LogMeter = "k";

    /// <summary>Nineteen nines: after the key of any real time, so the truncation line reads last.</summary>
    private const string TruncationKey = LogPrefix + "9999999999999999999-truncated";

    public static string History(int sequence) => HistoryPrefix + sequence.ToString("D10", CultureInfo.InvariantCulture);

    public static TableEntity ToInstance(ExecutionInfo info, ExecutionState state, TimerMessage? timer)
    {
        var entity = new TableEntity(info.Id, Instance)
        {
            ["ProjectId"] = info.ProjectId,
            ["ServiceId"] = info.ServiceId,
            ["Status"] = state.Status.ToWireName(),
            ["UpdatedAt"] = state.UpdatedAt,
        };
        LargeText.Write(entity, "Info", StoreJson.Serialize(info));
        LargeText.Write(entity, "State", StoreJson.Serialize(state));
        if (timer is not null)
        {
            entity["TimerPartition"] = timer.Partition;
            entity["TimerMessageId"] = timer.MessageId;
            entity["TimerPopReceipt"] = timer.PopReceipt;
        }

        return entity;
    }

    public static ExecutionRecord FromInstance(TableEntity entity)
    {
        var timer = entity.GetString("TimerMessageId") is { } messageId
            ? new TimerMessage(entity.GetInt32("TimerPartition") ?? 0, messageId, entity.GetString("TimerPopReceipt") ?? string.Empty)
            : null;
        return new ExecutionRecord(
            StoreJson.Deserialize<ExecutionInfo>(LargeText.Read(entity, "Info"), entity.PartitionKey),
            StoreJson.Deserialize<ExecutionState>(LargeText.Read(entity, "State"), entity.PartitionKey),
            timer,
            entity.ETag ?? string.Empty);
    }

    public static TableEntity ToHistory(string executionId, int sequence, StatusEntry entry)
    {
        var entity = new TableEntity(executionId, History(sequence));
        LargeText.Write(entity, "Entry", StoreJson.Serialize(entry));
        return entity;
    }

    public static StatusEntry FromHistory(TableEntity entity) => StoreJson.Deserialize<StatusEntry>(LargeText.Read(entity, "Entry"), entity.RowKey);

    public static TableEntity ToLog(string executionId, ExecutionLogLine line) =>
        new(executionId, $"{LogPrefix}{line.Timestamp.UtcTicks:D19}-{KeySafe(line.EventId)}")
        {
            ["LoggedAt"] = line.Timestamp,
            ["Attempt"] = line.Attempt,
            ["Stream"] = line.Stream,
            ["Level"] = line.Level,
            ["Message"] = line.Message.Length > 30_000 ? line.Message[..30_000] + "… (truncated)" : line.Message,
        };

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
