using System.Text.Json;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Stores.Executions;
using Faas.Serverless.Testing;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Stores.Tests;

/// <summary>The host caps each execution's logs itself, whatever a (possibly hostile) runner sends.</summary>
[Collection("Azurite")]
public sealed class TableExecutionStoreLogTests(AzuriteFixture azurite)
{
    private const int MaxLogBytes = 1024;
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AppendLogsAsync_PastTheCap_DropsTheRestAndCountsThemInOneLastLine()
    {
        var (store, _) = await CreateAsync();

        await store.AppendLogsAsync("e1", Lines(0, 8));
        await store.AppendLogsAsync("e1", Lines(8, 20));

        var lines = await ReadAllAsync(store, "e1");
        Assert.Equal(Enumerable.Range(0, 10).Select(Message), lines[..^1].Select(line => line.Message));
        Assert.Equal("[truncated: 18 lines dropped]", lines[^1].Message);
    }

    [Fact]
    public async Task AppendLogsAsync_ConcurrentReports_KeepWithinTheCapAndCountEveryLine()
    {
        var (store, _) = await CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(batch => store.AppendLogsAsync("e2", Lines(batch * 10, 10))));

        var lines = await ReadAllAsync(store, "e2");
        var kept = lines.Where(line => line.Message.StartsWith("line", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, kept.Count);
        Assert.Equal("[truncated: 30 lines dropped]", lines[^1].Message);
    }

    [Fact]
    public async Task AppendLogsAsync_UnderTheCap_HasNoTruncationLine()
    {
        var (store, _) = await CreateAsync();

        await store.AppendLogsAsync("e3", Lines(0, 3));

        Assert.DoesNotContain(await ReadAllAsync(store, "e3"), line => line.Message.StartsWith("[truncated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PayloadStore_WriteThenRead_RoundTripsJson()
    {
        var (_, tables) = await CreateAsync();
        var payloads = new BlobExecutionPayloadStore(tables);
        var input = new Dictionary<string, JsonElement> { ["data"] = JsonSerializer.SerializeToElement(new string('p', 100_000)) };

        await payloads.WriteAsync("e4", PayloadNames.Input, JsonSerializer.SerializeToUtf8Bytes(input));
        var read = await payloads.ReadAsync<Dictionary<string, JsonElement>>("e4", PayloadNames.Input);

        Assert.Equal(100_000, read["data"].GetString()!.Length);
    }

    private async Task<(TableExecutionStore Store, StoreTables Tables)> CreateAsync()
    {
        var tables = await StoreScope.CreateAsync(azurite);
        return (new TableExecutionStore(tables, Options.Create(new ExecutionLimitOptions { MaxLogBytes = MaxLogBytes })), tables);
    }

    /// <summary>Lines of exactly 100 bytes, so ten fit under the cap.</summary>
    private static List<ExecutionLogLine> Lines(int first, int count) =>
        [.. Enumerable.Range(first, count).Select(i => new ExecutionLogLine(Start.AddMilliseconds(i), 1, "stdout", null, Message(i), $"event-{i}"))];

    private static string Message(int i) => $"line {i:D4} ".PadRight(100, 'x');

    private static async Task<List<ExecutionLogLine>> ReadAllAsync(TableExecutionStore store, string executionId)
    {
        var all = new List<ExecutionLogLine>();
        string? cursor = null;
        while (true)
        {
            var (lines, next) = await store.ReadLogsAsync(executionId, cursor, 500);
            if (lines.Count == 0)
            {
                return all;
            }

            all.AddRange(lines);
            cursor = next;
        }
    }
}
