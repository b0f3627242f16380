namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>
/// The input-independent rules an execution is created with: the service's <c>maxAttempts</c> and
/// <c>executionTimeout</c>, and host.json's <c>executions.retryBackoffBaseSeconds</c> /
/// <c>retryBackoffMaxSeconds</c>. It travels inside the state so that a rerun, or a host with different
/// settings, keeps applying the rules the execution started with. Invalid values cannot be constructed, so
/// <see cref="ExecutionOrchestrator.Apply"/> never meets them.
/// </summary>
public sealed record ExecutionPolicy
{
    public const int DefaultRetryBackoffBaseSeconds = 2;
    public const int DefaultRetryBackoffMaxSeconds = 300;

    /// <summary>Long enough for a runner to see the request at its next lease renewal and report back.</summary>
    public const int DefaultTerminationGraceSeconds = 60;

    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public ExecutionPolicy(
        int maxAttempts,
        int timeoutSeconds,
        int retryBackoffBaseSeconds = DefaultRetryBackoffBaseSeconds,
        int retryBackoffMaxSeconds = DefaultRetryBackoffMaxSeconds,
        int terminationGraceSeconds = DefaultTerminationGraceSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeoutSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(retryBackoffBaseSeconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryBackoffMaxSeconds, retryBackoffBaseSeconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(terminationGraceSeconds, 1);
        MaxAttempts = maxAttempts;
        TimeoutSeconds = timeoutSeconds;
        RetryBackoffBaseSeconds = retryBackoffBaseSeconds;
        RetryBackoffMaxSeconds = retryBackoffMaxSeconds;
        TerminationGraceSeconds = terminationGraceSeconds;
    }

    /// <summary>Attempts allowed per cycle (the first run, or one rerun), the first included.</summary>
    public int MaxAttempts { get; }

    /// <summary>How long one attempt may run, counted from the runner's start (time in the queue is free).</summary>
    public int TimeoutSeconds { get; }

    public int RetryBackoffBaseSeconds { get; }

    public int RetryBackoffMaxSeconds { get; }

    public int TerminationGraceSeconds { get; }

    /// <summary>
    /// The wait before the next attempt once <paramref name="failedAttempts"/> attempts of the cycle have failed:
    /// <c>min(base × 2^(failedAttempts − 1), max)</c>. Deterministic: jitter, if wanted, belongs to the engine's
    /// timer delivery, which is safe because a timer is matched by identity, never by the clock.
    /// </summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        // 2^30 × int.MaxValue still fits a long, and any cap is reached long before.
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        return TimeSpan.FromSeconds(Math.Min((long)RetryBackoffBaseSeconds << exponent, RetryBackoffMaxSeconds));
    }
}
