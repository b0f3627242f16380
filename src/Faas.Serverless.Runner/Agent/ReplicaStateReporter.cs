using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Secrets;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Agent;

/// <summary>
/// Owns the replica's reported state: a state change is PUT at once, and the current state is PUT again every
/// heartbeat interval. PUTs are serialized so a heartbeat never overtakes a newer state.
/// </summary>
internal sealed partial class ReplicaStateReporter(HostApiClient api, SecretMasker masker, ILogger<ReplicaStateReporter> logger) : IDisposable
{
    private readonly SemaphoreSlim _putLock = new(1, 1);
    private ReplicaStateReport _current = new(ReplicaStates.Starting, null, Environment.ProcessId, null, null, null, null);

    public ReplicaStateReport Current => Volatile.Read(ref _current);

    /// <summary>Changes fields that are not the state (service version, runtime, worker pid) for the next PUT.</summary>
    public void Update(Func<ReplicaStateReport, ReplicaStateReport> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ReplicaStateReport before, after;
        do
        {
            before = Current;
            after = change(before);
        }
        while (Interlocked.CompareExchange(ref _current, after, before) != before);
    }

    /// <summary>Sets and PUTs a new state. Failures other than a refusal are logged: the heartbeat repeats the state.</summary>
    /// <exception cref="HostRefusedException">The host refused the bot or the service.</exception>
    public async Task ReportAsync(string state, string? message, ErrorInfo? error = null, CancellationToken cancellationToken = default)
    {
        // An init error is user code's exception: its message and traceback may hold a secret.
        message = masker.Apply(message);
        error = masker.Apply(error);
        Update(current => current with { State = state, Message = message, Error = error });
        LogState(logger, state, message ?? string.Empty);
        await PutAsync(RetryPolicy.Default, cancellationToken);
    }

    /// <summary>Repeats the current state every <paramref name="interval"/> until cancelled; never throws for host errors.</summary>
    public async Task RunHeartbeatAsync(TimeSpan interval, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await PutAsync(RetryPolicy.Short, cancellationToken);
            }
            catch (HostRefusedException ex)
            {
                LogHeartbeatFailed(logger, ex.Message);
            }
        }
    }

    public void Dispose() => _putLock.Dispose();

    private async Task PutAsync(RetryPolicy retry, CancellationToken cancellationToken)
    {
        await _putLock.WaitAsync(cancellationToken);
        try
        {
            await api.PutReplicaStateAsync(Current, retry, cancellationToken);
        }
        catch (HostApiException ex) when (ex is not HostRefusedException)
        {
            LogHeartbeatFailed(logger, ex.Message);
        }
        finally
        {
            _putLock.Release();
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Replica state {State}: {Message}")]
    private static partial void LogState(ILogger logger, string state, string message);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Reporting the replica state failed: {Reason}")]
    private static partial void LogHeartbeatFailed(ILogger logger, string reason);
}
