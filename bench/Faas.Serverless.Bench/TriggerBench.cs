using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Faas.Serverless.Bench;

/// <summary>Event in -> execution created, one event at a time through Event Grid ingress; and cron tick -> execution created.</summary>
internal static class TriggerBench
{
    private const int WarmUp = 3;

    private static readonly string[] Created = ["Created"];

    public static async Task<TriggerResult> RunAsync(FaasApi api, string serviceId, int events, int cronSeconds, CancellationToken cancellationToken = default)
    {
        await api.CreateTriggerAsync(new
        {
            name = "bench-items",
            type = "Event",
            spec = new
            {
                resource = "Item",
                actions = Created,
                filter = new { dir = "/bench" },
                executionMode = "Always",
                operation = new { type = "function", serviceId, functionName = "onitem" },
            },
        }, cancellationToken);
        var post = new List<double>();
        var created = new List<double>();
        var succeeded = new List<double>();
        for (var i = 0; i < WarmUp + events; i++)
        {
            var sentAt = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var answer = await api.PostEventsAsync(new JsonArray(Event(i)), cancellationToken);
            var postMs = clock.Elapsed.TotalMilliseconds;
            var execution = await api.WaitFinishedAsync(StartedExecutionId(answer), cancellationToken);
            if (i >= WarmUp)
            {
                post.Add(postMs);
                created.Add((ExecutionTimes.CreatedAt(execution) - sentAt).TotalMilliseconds);
                succeeded.Add((ExecutionTimes.FinishedAt(execution) - sentAt).TotalMilliseconds);
            }
        }

        var cron = cronSeconds > 0 ? await CronAsync(api, serviceId, cronSeconds, cancellationToken) : null;
        return new TriggerResult(events, Percentiles.Summarize(post), Percentiles.Summarize(created), Percentiles.Summarize(succeeded), cron);
    }

    /// <summary>A trigger firing every second, active for <paramref name="seconds"/>: each tick to its execution's creation and end.</summary>
    private static async Task<CronResult> CronAsync(FaasApi api, string serviceId, int seconds, CancellationToken cancellationToken)
    {
        var triggerId = await api.CreateTriggerAsync(new
        {
            name = "bench-tick",
            type = "Cron",
            spec = new { cron = "* * * * * *", operation = new { type = "function", serviceId, functionName = "ontick" } },
        }, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        await api.PostAsync($"/api/v1/projects/{api.ProjectId}/triggers/{triggerId}/deactivate", new { }, cancellationToken);
        var executions = new List<JsonObject>();
        foreach (var id in await api.ExecutionIdsOfTriggerAsync(triggerId, cancellationToken))
        {
            executions.Add(await api.WaitFinishedAsync(id, cancellationToken));
        }

        var late = executions.OrderBy(Tick).Select(e => Math.Round((ExecutionTimes.CreatedAt(e) - Tick(e)).TotalMilliseconds)).ToList();
        return new CronResult(
            executions.Count,
            Percentiles.Summarize(late),
            Percentiles.Summarize(executions.Select(e => (ExecutionTimes.FinishedAt(e) - Tick(e)).TotalMilliseconds)),
            late);
    }

    /// <summary>An <c>Item.Created</c> event the trigger's filter matches, a new item and event id each time.</summary>
    private static JsonObject Event(int i) => new()
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["eventType"] = "Item.Created",
        ["subject"] = $"/datasets/bench/items/item-{i}",
        ["eventTime"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["dataVersion"] = "1.0",
        ["data"] = new JsonObject { ["id"] = $"item-{i}", ["dir"] = "/bench", ["name"] = $"item-{i}.txt" },
    };

    /// <summary>The execution the answer's one event started (outcome <c>Started</c>).</summary>
    public static string StartedExecutionId(JsonObject answer) =>
        answer["events"]?.AsArray().SelectMany(e => e?["triggers"]?.AsArray() ?? [])
            .FirstOrDefault(t => t?["outcome"]?.GetValue<string>() == "Started")?["executionId"]?.GetValue<string>()
        ?? throw new InvalidOperationException($"The event started no execution: {answer.ToJsonString()}");

    /// <summary>The tick the <c>ontick</c> function returned (the context event's).</summary>
    public static DateTimeOffset Tick(JsonObject execution) =>
        DateTimeOffset.Parse(execution["output"]?["tick"]?.GetValue<string>() ?? throw new FormatException($"No tick in {execution["id"]}'s output."), CultureInfo.InvariantCulture);
}

/// <summary>
/// Event triggers: the event POST's round trip, and the moment it was sent to the execution's creation and success
/// (same machine clock). Cron: its tick to the same two.
/// </summary>
internal sealed record TriggerResult(int Events, LatencySummary PostClient, LatencySummary EventToCreated, LatencySummary EventToSuccess, CronResult? Cron);

/// <summary><see cref="TickToCreatedInOrder"/>: each tick's lateness, oldest tick first, to tell a slow first tick from random stalls.</summary>
internal sealed record CronResult(int Ticks, LatencySummary TickToCreated, LatencySummary TickToSuccess, IReadOnlyList<double>? TickToCreatedInOrder = null);
