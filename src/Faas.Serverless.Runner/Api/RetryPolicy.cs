using System.Net;

namespace Faas.Serverless.Runner.Api;

/// <summary>
/// Capped exponential backoff with jitter for transient host failures: 5xx, 408, 429, connection failures
/// and client-side timeouts. <see cref="MaxAttempts"/> of 0 retries until the caller's token is cancelled.
/// </summary>
internal sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>Start-up and state reports: about 30 s of retries in all.</summary>
    public static RetryPolicy Default { get; } = new(8, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(8));

    /// <summary>Lease renewals: short, so one renew round stays well inside leaseSeconds / 3.</summary>
    public static RetryPolicy Short { get; } = new(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero);

    public bool CanRetry(int attempt) => MaxAttempts <= 0 || attempt < MaxAttempts;

    /// <summary>Delay before retry number <paramref name="attempt"/> (1-based): random in [cap/2, cap], cap = min(max, base·2^(attempt-1)).</summary>
    public TimeSpan DelayFor(int attempt, Random? random = null)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var cap = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        var jittered = ((random ?? Random.Shared).NextDouble() * 0.5 + 0.5) * cap;
        return TimeSpan.FromMilliseconds(jittered);
    }

    public static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    public static bool IsRefused(HttpStatusCode status) =>
        status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
}
