using System.Text.Json;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Work;
using Faas.Serverless.Runner.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Nito.AsyncEx;

namespace Faas.Serverless.Runner.Tests.Unit;

/// <summary>An outbox and a tracker wired to fakes: posts are recorded, terminates are recorded.</summary>
internal sealed class WorkTestKit : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _loop;
    private readonly object _sync = new();
    private readonly List<IReadOnlyList<RunnerEvent>> _posts = [];

    public WorkTestKit(
        AgentTimings? timings = null,
        Func<int, Exception?>? failPost = null,
        Func<int, Task>? beforePost = null,
        Func<IReadOnlyList<RunnerEvent>, IReadOnlyList<EventRejection>>? reject = null,
        string? spoolDir = null)
    {
        Timings = timings ?? new AgentTimings();
        SpoolDir = spoolDir ?? Path.Combine(Path.GetTempPath(), "faas-spool-" + Guid.NewGuid().ToString("N"));
        Spool = new ResultSpool(SpoolDir, TimeProvider.System, NullLogger.Instance);
        Outbox = new EventOutbox(
            async (events, ct) =>
            {
                int attempt;
                lock (_sync)
                {
                    attempt = ++PostAttempts;
                }

                if (beforePost is not null)
                {
                    await beforePost(attempt);
                }

                if (failPost?.Invoke(attempt) is { } error)
                {
                    throw error;
                }

                await Task.Yield();
                var rejected = reject?.Invoke(events) ?? [];
                lock (_sync)
                {
                    _posts.Add([.. events.Where(e => !rejected.Any(r => r.EventId == e.EventId))]);
                }

                return rejected;
            },
            Spool,
            Gate,
            Timings,
            TimeProvider.System,
            NullLogger.Instance);
        Tracker = new ExecutionTracker(Outbox, Worker, Timings, TimeProvider.System, NullLogger.Instance);
        Outbox.FinalEventDelivered = Tracker.OnFinalEventDelivered;
        _loop = Task.Run(() => Outbox.RunAsync(_cts.Token));
    }

    public AgentTimings Timings { get; }

    public string SpoolDir { get; }

    public ResultSpool Spool { get; }

    public AsyncReaderWriterLock Gate { get; } = new();

    public EventOutbox Outbox { get; }

    public ExecutionTracker Tracker { get; }

    public FakeWorker Worker { get; } = new();

    public int PostAttempts { get; private set; }

    public Task Loop => _loop;

    public IReadOnlyList<IReadOnlyList<RunnerEvent>> Posts
    {
        get
        {
            lock (_sync)
            {
                return [.. _posts];
            }
        }
    }

    public IReadOnlyList<RunnerEvent> Sent => [.. Posts.SelectMany(p => p)];

    public static WorkItem Item(string id, int attempt = 1, string leaseId = "lease-0") =>
        new(leaseId, id, attempt, "f", null, 60, 60, null);

    public static WorkerMessage Message(string type, string id, int attempt = 1, string? message = null) => new()
    {
        Type = type,
        Id = id,
        Attempt = attempt,
        Message = message,
        Output = type == WorkerMessageTypes.Result ? JsonDocument.Parse("\"ok\"").RootElement : null,
    };

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or HostApiException)
        {
            // Cancelled, or the failure a test provoked (and asserted) already.
        }

        _cts.Dispose();
        if (Directory.Exists(SpoolDir))
        {
            Directory.Delete(SpoolDir, recursive: true);
        }
    }

    internal sealed class FakeWorker : IWorkerChannel
    {
        private readonly List<string> _terminated = [];

        public IReadOnlyList<string> Terminated
        {
            get
            {
                lock (_terminated)
                {
                    return [.. _terminated];
                }
            }
        }

        public Task TerminateAsync(RunKey call, CancellationToken cancellationToken = default)
        {
            lock (_terminated)
            {
                _terminated.Add(call.ExecutionId);
            }

            return Task.CompletedTask;
        }
    }
}
