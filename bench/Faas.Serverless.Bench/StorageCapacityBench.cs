using System.Collections.Concurrent;
using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Bench;

/// <summary>
/// Azurite driven directly with the SDK clients, many tasks at once, replaying the platform's storage operations
/// in its per-execution proportions, on a table and queue of its own: how many such requests Azurite serves a second.
/// </summary>
internal static class StorageCapacityBench
{
    private const string Name = "benchcapacity";
    private const int ReadRows = 100;
    private const int QueryRows = 5;
    private const int Prefilled = 200;

    // About the size of the platform's small rows and work messages: a few ids and a short JSON document.
    private static readonly string Payload = new('x', 400);

    public static async Task<StorageCapacityResult> RunAsync(
        string connectionString, int azuritePid, BenchResult platform, int tasks, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var clients = StorageClients.FromConnectionString(connectionString);
        var table = clients.Tables.GetTableClient(Name);
        var queue = clients.Queues.GetQueueClient(Name);
        await table.CreateIfNotExistsAsync(cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var weights = OperationMix.Weights(platform.StoragePerExecutionByOperation);
        var schedule = OperationMix.Schedule(weights, 1000);
        var perRead = OperationMix.MessagesPerRead(weights);
        var receipts = await SetUpAsync(table, queue, cancellationToken);

        var counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var failed = 0;
        var cpuBefore = ProcessSample.Read(azuritePid)?.CpuSeconds ?? double.NaN;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, tasks).Select(async task =>
        {
            for (var i = task * schedule.Count / tasks; clock.Elapsed < duration; i++)
            {
                try
                {
                    var done = await RunAsync(schedule[i % schedule.Count], table, queue, receipts, perRead, task, i, cancellationToken);
                    counts.AddOrUpdate(done, 1, (_, n) => n + 1);
                }
                catch (RequestFailedException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var azuriteCores = ((ProcessSample.Read(azuritePid)?.CpuSeconds ?? double.NaN) - cpuBefore) / seconds;

        // Its received messages stay invisible for minutes, and Azurite's queue reads scan every stored message: gone
        // before anything else runs on this Azurite.
        await queue.DeleteAsync(cancellationToken);
        var closed = platform.Throughput.Count > 0 ? platform.Throughput[0].ExecutionsPerSecond : double.NaN;
        return StorageCapacityResult.Create(tasks, seconds, counts.OrderByDescending(p => p.Value).ToDictionary(StringComparer.Ordinal), failed, platform.StorageRequestsPerExecution, closed, azuriteCores);
    }

    /// <summary>Rows to read and query, and messages already received, so deletes have pop receipts from the start.</summary>
    private static async Task<ConcurrentQueue<(string Id, string PopReceipt)>> SetUpAsync(TableClient table, QueueClient queue, CancellationToken cancellationToken)
    {
        for (var row = 0; row < ReadRows; row++)
        {
            await table.UpsertEntityAsync(Row("read", $"{row}"), TableUpdateMode.Replace, cancellationToken);
        }

        for (var row = 0; row < QueryRows; row++)
        {
            await table.UpsertEntityAsync(Row("query", $"{row}"), TableUpdateMode.Replace, cancellationToken);
        }

        var receipts = new ConcurrentQueue<(string, string)>();
        for (var i = 0; i < Prefilled; i++)
        {
            await queue.SendMessageAsync(Payload, cancellationToken);
        }

        for (var i = 0; i < Prefilled / 2; i += 32)
        {
            await ReceiveAsync(queue, receipts, 32, cancellationToken);
        }

        return receipts;
    }

    /// <summary>Runs one operation; returns the one really made (a delete with no pop receipt left reads instead).</summary>
    private static async Task<string> RunAsync(
        string operation, TableClient table, QueueClient queue, ConcurrentQueue<(string Id, string PopReceipt)> receipts, int perRead, int task, int i, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case OperationMix.GetEntity:
                await table.GetEntityAsync<TableEntity>("read", $"{i % ReadRows}", cancellationToken: cancellationToken);
                return operation;
            case OperationMix.Query:
                await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == "query", cancellationToken: cancellationToken))
                {
                }

                return operation;
            case OperationMix.Batch:
                var partition = $"batch{task}";
                await table.SubmitTransactionAsync(
                    Enumerable.Range(0, 3).Select(n => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(partition, $"{(i + n) % 10}"))),
                    cancellationToken);
                return operation;
            case OperationMix.PutEntity:
                await table.UpsertEntityAsync(Row($"put{task}", $"{i % 10}"), TableUpdateMode.Replace, cancellationToken);
                return operation;
            case OperationMix.PostMessage:
                await queue.SendMessageAsync(Payload, cancellationToken);
                return operation;
            case OperationMix.DeleteMessage when receipts.TryDequeue(out var message):
                await queue.DeleteMessageAsync(message.Id, message.PopReceipt, cancellationToken);
                return operation;
            default:
                await ReceiveAsync(queue, receipts, perRead, cancellationToken);
                return OperationMix.GetMessages;
        }
    }

    private static async Task ReceiveAsync(QueueClient queue, ConcurrentQueue<(string, string)> receipts, int count, CancellationToken cancellationToken)
    {
        // Invisible for longer than any run, so every received message waits for its delete.
        var messages = await queue.ReceiveMessagesAsync(count, TimeSpan.FromMinutes(10), cancellationToken);
        foreach (var message in messages.Value)
        {
            receipts.Enqueue((message.MessageId, message.PopReceipt));
        }
    }

    private static TableEntity Row(string partition, string row) => new(partition, row) { ["Data"] = Payload, ["Status"] = "success", ["Attempt"] = 1 };
}
