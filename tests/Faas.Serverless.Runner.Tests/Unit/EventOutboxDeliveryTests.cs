using System.Net;
using System.Text.Json;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Tests.Support;
using Faas.Serverless.Runner.Work;
using Faas.Serverless.Runner.Worker;

namespace Faas.Serverless.Runner.Tests.Unit;

/// <summary>One refused or large event never holds up the others; finished results survive outages on disk.</summary>
public sealed class EventOutboxDeliveryTests
{
    [Fact]
    public async Task RunAsync_HostRefusesOneEventOfABatch_OthersDeliveredAndOnlyItDropped()
    {
        await using var kit = new WorkTestKit(
            new AgentTimings { LogBatchDelay = TimeSpan.FromSeconds(30) },
            reject: events => [.. events.Where(e => e.Message == "bad").Select(e => new EventRejection(e.EventId, 400, "too large for storage"))]);
        kit.Tracker.Start(WorkTestKit.Item("e1"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        kit.Tracker.Start(WorkTestKit.Item("e2"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("log", "e1", message: "bad"));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("log", "e2", message: "good"));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "e1"));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "e2"));

        await Wait.UntilAsync(() => kit.Tracker.InFlight == 0, "both results delivered and both slots freed");

        Assert.Equal(["good"], kit.Sent.Where(e => e.Type == EventTypes.Log).Select(e => e.Message));
        Assert.Equal(["e1", "e2"], kit.Sent.Where(e => e.Type == EventTypes.Succeeded).Select(e => e.ExecutionId).Order());
    }

    [Fact]
    public async Task RunAsync_HostHasNotAppliedOneResultYet_OthersAcknowledgedAndItPostedAgainUntilApplied()
    {
        var notYet = 2;
        await using var kit = new WorkTestKit(reject: events =>
            [.. events.Where(e => e.ExecutionId == "slow" && Interlocked.Decrement(ref notYet) >= 0).Select(e => new EventRejection(e.EventId, 503, "not applied yet"))]);
        kit.Tracker.Start(WorkTestKit.Item("slow"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        kit.Tracker.Start(WorkTestKit.Item("fast"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "slow"));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "fast"));

        await Wait.UntilAsync(() => kit.Tracker.InFlight == 0, "both results acknowledged in the end");

        // Posts lists what the host took from each post: each result once, the slow one after a post that left it out.
        Assert.Single(kit.Sent, e => e.ExecutionId == "slow" && e.Type == EventTypes.Succeeded);
        Assert.Single(kit.Sent, e => e.ExecutionId == "fast" && e.Type == EventTypes.Succeeded);
        Assert.DoesNotContain(kit.Posts[0], e => e.ExecutionId == "slow");
        Assert.True(kit.PostAttempts >= 2, $"{kit.PostAttempts} posts");
        Assert.Empty(Directory.Exists(kit.SpoolDir) ? Directory.GetFiles(kit.SpoolDir) : []);
    }

    [Fact]
    public async Task RunAsync_ResultRefusedAsTooLarge_ReplacedByOutputTooLargeFailureAndOthersGoOn()
    {
        await using var kit = new WorkTestKit(reject: events =>
            [.. events.Where(e => e.Type == EventTypes.Succeeded && e.ExecutionId == "big").Select(e => new EventRejection(e.EventId, 413, "output over the limit"))]);
        kit.Tracker.Start(WorkTestKit.Item("big"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        kit.Tracker.Start(WorkTestKit.Item("small"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "big"));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "small"));

        await Wait.UntilAsync(() => kit.Tracker.InFlight == 0, "both calls ended");

        var failed = Assert.Single(kit.Sent, e => e.Type == EventTypes.Failed);
        Assert.Equal("big", failed.ExecutionId);
        Assert.Equal(EventOutbox.OutputTooLargeErrorType, failed.Error!.Type);
        Assert.Contains("output over the limit", failed.Error.Message, StringComparison.Ordinal);
        Assert.Equal("small", Assert.Single(kit.Sent, e => e.Type == EventTypes.Succeeded).ExecutionId);
        Assert.Empty(Directory.Exists(kit.SpoolDir) ? Directory.GetFiles(kit.SpoolDir) : []);
    }

    [Fact]
    public async Task RunAsync_LargeOutput_PostedOnItsOwn()
    {
        await using var kit = new WorkTestKit(new AgentTimings { MaxBytesPerPost = 4096, LogBatchDelay = TimeSpan.FromSeconds(30) });
        var renewal = await kit.Gate.WriterLockAsync();
        kit.Tracker.Start(WorkTestKit.Item("e1"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("log", "e1", message: "before"));
        kit.Tracker.OnWorkerMessage(new WorkerMessage
        {
            Type = WorkerMessageTypes.Result,
            Id = "e1",
            Attempt = 1,
            Output = JsonSerializer.SerializeToElement(new string('x', 50_000)),
        });
        renewal.Dispose();

        await Wait.UntilAsync(() => kit.Tracker.InFlight == 0, "result delivered");

        var resultPost = Assert.Single(kit.Posts, p => p.Any(e => e.Type == EventTypes.Succeeded));
        Assert.Single(resultPost);
        Assert.Equal([EventTypes.Started, EventTypes.Log], kit.Posts[0].Select(e => e.Type));
    }

    [Fact]
    public async Task RunAsync_HostDown_ResultSpooledUntilAcknowledged()
    {
        var hostUp = false;
        await using var kit = new WorkTestKit(failPost: _ => Volatile.Read(ref hostUp) ? null : new HostApiException("503", HttpStatusCode.ServiceUnavailable));
        kit.Tracker.Start(WorkTestKit.Item("e1"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "e1"));

        await Wait.UntilAsync(() => kit.PostAttempts >= 3, "posts retried while the host is down");
        var spooled = Assert.Single(Directory.GetFiles(kit.SpoolDir));
        var onDisk = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(spooled));
        Assert.Equal("succeeded", onDisk.GetProperty("type").GetString());
        Assert.Equal("lease-0", onDisk.GetProperty("leaseId").GetString());
        Assert.Equal(1, kit.Tracker.InFlight);
        Volatile.Write(ref hostUp, true);

        await Wait.UntilAsync(() => kit.Tracker.InFlight == 0, "result delivered once the host is back", 20);
        Assert.Single(kit.Sent, e => e.Type == EventTypes.Succeeded);
        Assert.Empty(Directory.GetFiles(kit.SpoolDir));
    }

    [Fact]
    public async Task RunAsync_SpoolLeftByEarlierAgent_ReportedFirstThenDeleted()
    {
        var spoolDir = Path.Combine(Path.GetTempPath(), "faas-spool-" + Guid.NewGuid().ToString("N"));
        var left = new RunnerEvent
        {
            LeaseId = "lease-old",
            ExecutionId = "done-before-crash",
            Attempt = 2,
            EventId = Guid.NewGuid().ToString(),
            Type = EventTypes.Succeeded,
            Timestamp = DateTimeOffset.UtcNow,
            Output = JsonSerializer.SerializeToElement(new { answer = 42 }),
        };
        Assert.NotNull(new ResultSpool(spoolDir, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).Save(left));

        await using var kit = new WorkTestKit(spoolDir: spoolDir);

        await Wait.UntilAsync(() => kit.Sent.Count == 1, "the spooled result reported");
        var sent = kit.Sent[0];
        Assert.Equal((left.EventId, left.ExecutionId, left.Attempt, left.LeaseId), (sent.EventId, sent.ExecutionId, sent.Attempt, sent.LeaseId));
        Assert.Equal(42, sent.Output!.Value.GetProperty("answer").GetInt32());
        await Wait.UntilAsync(() => Directory.GetFiles(spoolDir).Length == 0, "the spool file deleted once acknowledged");
    }
}
