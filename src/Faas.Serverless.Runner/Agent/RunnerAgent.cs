using Faas.Serverless.CodebaseZip;
using System.ComponentModel;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Codebase;
using Faas.Serverless.Runner.Hosting;
using Faas.Serverless.Runner.Options;
using Faas.Serverless.Runner.Work;
using Faas.Serverless.Runner.Worker;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Agent;

/// <summary>
/// The agent's start-up: spec → codebase → worker init. Once the worker is ready, an <see cref="AgentSession"/>
/// runs the work until stop, crash or refusal. Returns the process exit code (<see cref="ExitCodes"/>). A parent
/// process that goes away (see <see cref="ParentWatchdog"/>) stops the agent like a stop request.
/// </summary>
internal sealed partial class RunnerAgent(
    RunnerOptions options,
    HostApiClient api,
    CodebaseCache cache,
    ReplicaStateReporter reporter,
    ParentWatchdog parent,
    AgentTimings timings,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<RunnerAgent>();

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, parent.Gone);
        var stopping = stop.Token;
        using var heartbeatCts = new CancellationTokenSource();

        // A restarted host starts a replica with the same id: an orphan's heartbeats would overwrite its state.
        using var silenced = parent.Gone.Register(heartbeatCts.Cancel);
        var heartbeat = Task.CompletedTask;
        var specKnown = false;
        try
        {
            var spec = (await api.GetSpecAsync(stopping)).Normalize();
            specKnown = true;
            LogSpec(_logger, spec.ServiceName ?? spec.ServiceId, spec.Version, spec.Concurrency, spec.Codebase.Sha256);
            reporter.Update(r => r with { ServiceVersion = spec.Version });
            heartbeat = reporter.RunHeartbeatAsync(timings.HeartbeatInterval, timeProvider, heartbeatCts.Token);
            await reporter.ReportAsync(ReplicaStates.Starting, $"Preparing codebase {spec.Codebase.Sha256[..Math.Min(12, spec.Codebase.Sha256.Length)]}", null, stopping);
            var codebaseDir = options.CodebaseDir ?? await cache.EnsureAsync(spec.Codebase, stopping);
            await reporter.ReportAsync(ReplicaStates.Initializing, "Starting the Python worker", null, stopping);
            return await RunWorkerAsync(spec, codebaseDir, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            LogStoppedBeforeReady(_logger);
            if (specKnown)
            {
                await ReportFinalAsync(ReplicaStates.Stopped, "Stopped before it was ready", null);
            }

            return ExitCodes.Stopped;
        }
        catch (HostRefusedException ex)
        {
            LogRefused(_logger, ex.Message);
            return ExitCodes.Refused;
        }
        catch (CodebaseException ex)
        {
            LogCodebaseInvalid(_logger, ex.Message);
            await ReportFinalAsync(ReplicaStates.Error, "The codebase cannot be used", new ErrorInfo("CodebaseInvalid", ex.Message, null));
            return ExitCodes.CodebaseInvalid;
        }
        finally
        {
            await heartbeatCts.CancelAsync();
            await heartbeat.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task<int> RunWorkerAsync(RunnerSpec spec, string codebaseDir, CancellationToken stopping)
    {
        using var leaseGate = new SemaphoreSlim(1, 1);
        var outbox = new EventOutbox(api.PostEventsAsync, leaseGate, timings, timeProvider, loggerFactory.CreateLogger<EventOutbox>());
        var channel = new WorkerChannel();
        var tracker = new ExecutionTracker(outbox, channel, timings, timeProvider, loggerFactory.CreateLogger<ExecutionTracker>());
        outbox.FinalEventDelivered = tracker.OnFinalEventDelivered;
        var dispatcher = new WorkerDispatcher(tracker);
        WorkerProcess worker;
        try
        {
            worker = WorkerProcess.Start(
                new WorkerStartInfo(options.Python, options.SdkDir, codebaseDir, spec.Module.EntryPoint, spec.Module.ClassName),
                dispatcher,
                loggerFactory.CreateLogger<WorkerProcess>());
        }
        catch (Win32Exception ex)
        {
            LogWorkerStartFailed(_logger, options.Python, ex.Message);
            await ReportFinalAsync(ReplicaStates.Error, "The Python worker could not be started", new ErrorInfo("WorkerStartFailed", $"'{options.Python}': {ex.Message}", null));
            return ExitCodes.InitFailed;
        }

        await using (worker)
        {
            channel.Attach(worker);
            reporter.Update(r => r with { WorkerPid = worker.Pid });
            try
            {
                await worker.SendAsync(InitRequestFactory.Create(spec), stopping);
            }
            catch (WorkerUnavailableException)
            {
                // It exited already; the wait below reports why.
            }

            var stopped = Task.Delay(Timeout.Infinite, stopping);
            var first = await Task.WhenAny(dispatcher.Initialized, worker.Exited, stopped);

            // The reader loop dispatches every line before it sees EOF, so a worker that wrote initFailed (or ready)
            // and exited has completed Initialized before Exited, even when WhenAny observed the exit first.
            if (dispatcher.Initialized.IsCompleted)
            {
                var message = await dispatcher.Initialized;
                if (message.Type == WorkerMessageTypes.InitFailed)
                {
                    return await InitFailedAsync(worker, message.Error ?? new ErrorInfo("InitFailed", "The worker reported initFailed without details.", null));
                }

                var label = Environment.GetEnvironmentVariable(RunnerEnvironment.RuntimeLabel) is { Length: > 0 } l ? l : "local process";
                reporter.Update(r => r with { Runtime = $"python {message.Python ?? "3"} ({label})", WorkerPid = message.Pid ?? worker.Pid });
                LogReady(_logger, worker.Pid, message.Python ?? "?", message.SdkVersion ?? "?");
                var renewer = new LeaseRenewer(api.RenewAsync, tracker, leaseGate, timings, timeProvider, loggerFactory.CreateLogger<LeaseRenewer>());
                var workLoop = new WorkLoop(api.LeaseAsync, worker.SendAsync, tracker, spec, timings, timeProvider, loggerFactory.CreateLogger<WorkLoop>());
                var session = new AgentSession(spec, worker, tracker, outbox, renewer, workLoop, reporter, parent, timings, timeProvider, loggerFactory.CreateLogger<AgentSession>());
                return await session.RunAsync(stopping);
            }

            if (first == worker.Exited)
            {
                var code = await worker.Exited;
                return await InitFailedAsync(worker, new ErrorInfo("WorkerExited", $"The worker exited with code {code} before it was ready.", worker.StderrTail));
            }

            LogStoppedBeforeReady(_logger);
            await ReportFinalAsync(ReplicaStates.Stopped, "Stopped before it was ready", null);
            return ExitCodes.Stopped;
        }
    }

    private async Task<int> InitFailedAsync(WorkerProcess worker, ErrorInfo error)
    {
        LogInitFailed(_logger, error.Type, error.Message);
        await ReportFinalAsync(ReplicaStates.Error, "Init failed", error);
        try
        {
            await worker.Exited.WaitAsync(TimeSpan.FromSeconds(5), timeProvider);
        }
        catch (TimeoutException)
        {
            worker.Kill();
        }

        return ExitCodes.InitFailed;
    }

    /// <summary>Final state reports use their own bounded token: the stop token is already cancelled by then.</summary>
    private async Task ReportFinalAsync(string state, string message, ErrorInfo? error)
    {
        using var cts = new CancellationTokenSource(timings.ShutdownFlushTimeout, timeProvider);
        try
        {
            await reporter.ReportAsync(state, message, error, cts.Token);
        }
        catch (Exception ex) when (ex is HostApiException or OperationCanceledException)
        {
            LogFinalReportFailed(_logger, state, ex.Message);
        }
    }
}
