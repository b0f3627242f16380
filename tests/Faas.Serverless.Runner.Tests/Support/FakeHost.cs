using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Tests.Support;

/// <summary>
/// In-process test double of the host's runner endpoints (docs/runner-protocol.md) on 127.0.0.1 with in-memory
/// state: a work queue with long-poll leases, lease ids that rotate on every renewal (the old one stops working),
/// events deduplicated by eventId, and replica state reports. Not the real host: the agent's own tests only.
/// </summary>
public sealed partial class FakeHost : IAsyncDisposable
{
    public const string Token = "bot-key-for-tests";

    private readonly WebApplication _app;
    private readonly object _sync = new();
    private readonly Queue<JsonObject> _queue = new();
    private readonly Dictionary<string, FakeLease> _leasesById = new(StringComparer.Ordinal);
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _events = [];
    private readonly List<JsonObject> _replicaReports = [];
    private readonly List<int> _leaseMaxItems = [];
    private readonly List<int> _renewBatchSizes = [];
    private readonly List<string> _refusedPaths = [];
    private int _held;
    private bool _unavailable;

    private FakeHost(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public string ProjectId { get; } = "p1";

    public string ServiceId { get; } = "s1";

    /// <summary>The spec served by GET runner-spec (tests change fields before starting the agent).</summary>
    public JsonObject Spec { get; set; } = new();

    public byte[] CodebaseZip { get; set; } = [];

    public int LeaseSeconds { get; set; } = 60;

    public int CodebaseDownloads { get; private set; }

    /// <summary>Executions whose next renewal answers terminate: true.</summary>
    public HashSet<string> TerminateRequested { get; } = new(StringComparer.Ordinal);

    /// <summary>Executions whose next renewal answers lost: true (given to another replica).</summary>
    public HashSet<string> LoseOnRenew { get; } = new(StringComparer.Ordinal);

    /// <summary>While set, every runner call is answered 503, like a host that is down or restarting.</summary>
    public bool Unavailable
    {
        get => Volatile.Read(ref _unavailable);
        set => Volatile.Write(ref _unavailable, value);
    }

    /// <summary>Runner calls answered 503 because the host was <see cref="Unavailable"/>, by path ("work/events", …).</summary>
    public int RefusedCalls(string pathSuffix)
    {
        lock (_sync)
        {
            return _refusedPaths.Count(p => p.EndsWith(pathSuffix, StringComparison.Ordinal));
        }
    }

    /// <summary>Most leases held at once (leased and not yet ended by a final event or a loss).</summary>
    public int MaxHeld { get; private set; }

    /// <summary>Events whose leaseId was not the execution's current lease id.</summary>
    public int StaleLeaseEvents { get; private set; }

    public int Held
    {
        get
        {
            lock (_sync)
            {
                return _held;
            }
        }
    }

    public static async Task<FakeHost> StartAsync(ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        var app = builder.Build();
        var host = new FakeHost(app);
        host.MapEndpoints(app);
        await app.StartAsync();
        return host;
    }

    public void Enqueue(string executionId, string function, JsonObject input, int timeoutSeconds = 60, int attempt = 1)
    {
        lock (_sync)
        {
            _queue.Enqueue(new JsonObject
            {
                ["executionId"] = executionId,
                ["attempt"] = attempt,
                ["functionName"] = function,
                ["input"] = input,
                ["timeoutSeconds"] = timeoutSeconds,
                ["context"] = new JsonObject { ["execution"] = new JsonObject { ["id"] = executionId } },
            });
        }
    }

    public IReadOnlyList<JsonObject> Events()
    {
        lock (_sync)
        {
            return [.. _events];
        }
    }

    public IReadOnlyList<JsonObject> EventsOf(string executionId) =>
        [.. Events().Where(e => (string?)e["executionId"] == executionId)];

    public JsonObject? FinalEventOf(string executionId) =>
        EventsOf(executionId).LastOrDefault(e => (string?)e["type"] is "succeeded" or "failed" or "released");

    public IReadOnlyList<string> ReplicaStates()
    {
        lock (_sync)
        {
            return [.. _replicaReports.Select(r => (string)r["state"]!).Aggregate(new List<string>(), (list, s) =>
            {
                if (list.Count == 0 || list[^1] != s)
                {
                    list.Add(s);
                }

                return list;
            })];
        }
    }

    public IReadOnlyList<JsonObject> ReplicaReports()
    {
        lock (_sync)
        {
            return [.. _replicaReports];
        }
    }

    public JsonObject? LastReplicaReport()
    {
        lock (_sync)
        {
            return _replicaReports.LastOrDefault();
        }
    }

    public IReadOnlyList<int> LeaseMaxItems()
    {
        lock (_sync)
        {
            return [.. _leaseMaxItems];
        }
    }

    public IReadOnlyList<int> RenewBatchSizes()
    {
        lock (_sync)
        {
            return [.. _renewBatchSizes];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class FakeLease(string executionId, int attempt, string currentId)
    {
        public string ExecutionId { get; } = executionId;

        public int Attempt { get; } = attempt;

        public string CurrentId { get; set; } = currentId;

        public bool Ended { get; set; }
    }
}
