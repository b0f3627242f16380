using System.Text;
using Azure;
using Azure.Data.Tables;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Executions;

/// <summary>
/// Captured logs, capped per execution at <see cref="ExecutionLimitOptions.MaxLogBytes"/> of message text whatever
/// the runner sends (a runner may be hostile): a meter row counts the bytes kept and the lines dropped, committed in
/// the same transaction as the lines, and once the cap is reached every later line is dropped and counted in one
/// <c>[truncated: N lines dropped]</c> line that sorts after all others.
/// </summary>
public sealed partial class TableExecutionStore
{
    private const int MaxConflictRetries = 10;

    public Task AppendLogsAsync(string executionId, IReadOnlyList<ExecutionLogLine> lines, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                // One transaction holds 100 operations: the lines, the meter and the truncation line.
                foreach (var chunk in lines.DistinctBy(line => line.EventId).Chunk(MaxBatch - 2))
                {
                    await AppendChunkAsync(executionId, chunk, cancellationToken);
                }
            },
            "appending execution logs");

    private async Task AppendChunkAsync(string executionId, ExecutionLogLine[] lines, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var meter = await StoreErrors.GetAsync(_table, executionId, ExecutionRows.LogMeter, cancellationToken: cancellationToken);
            var (bytes, dropped) = ExecutionRows.FromLogMeter(meter);
            var actions = new List<TableTransactionAction>(lines.Length + 2);
            foreach (var line in lines)
            {
                var size = Encoding.UTF8.GetByteCount(line.Message);
                if (dropped == 0 && bytes + size <= _maxLogBytes)
                {
                    bytes += size;
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ExecutionRows.ToLog(executionId, line)));
                }
                else
                {
                    dropped++;
                }
            }

            var counted = ExecutionRows.ToLogMeter(executionId, bytes, dropped);
            actions.Add(meter is null
                ? new TableTransactionAction(TableTransactionActionType.Add, counted)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, counted, meter.ETag));
            if (dropped > 0)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ExecutionRows.ToTruncation(executionId, dropped, DateTimeOffset.UtcNow)));
            }

            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when ((ex.IsConflict() || ex.IsPreconditionFailed()) && attempt < MaxConflictRetries)
            {
                // Another report of the same execution moved the meter first; count again from its value.
            }
        }
    }
}
