using System.Net;

namespace Faas.Serverless.Client;

/// <summary>
/// Retries of answers the API marks as safe to repeat: <c>429</c> (rate limit) and <c>503</c> (storage or the
/// orchestration not ready). The wait is the answer's <c>Retry-After</c>, else an exponential backoff, at most <paramref name="MaxDelay"/>.
/// </summary>
/// <param name="MaxRetries">Retries after the first try; 0 turns retrying off.</param>
/// <param name="MaxDelay">The longest single wait: a longer <c>Retry-After</c> is answered to the caller instead.</param>
/// <param name="BaseDelay">The first backoff when the answer has no <c>Retry-After</c>.</param>
public sealed record RetryPolicy(int MaxRetries, TimeSpan MaxDelay, TimeSpan BaseDelay)
{
    /// <summary>3 retries, waits up to 30 s, a 1 s first backoff.</summary>
    public static RetryPolicy Default { get; } = new(3, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));

    /// <summary>No retries.</summary>
    public static RetryPolicy None { get; } = new(0, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>How long to wait before trying <paramref name="response"/>'s request again, or null to answer it.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="attempt">Retries made so far.</param>
    public TimeSpan? DelayBeforeRetry(HttpResponseMessage response, int attempt)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (attempt >= MaxRetries || response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        var retryAfter = response.Headers.RetryAfter;
        var delay = retryAfter?.Delta
            ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : BaseDelay * Math.Pow(2, attempt));
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        return delay <= MaxDelay ? delay : null;
    }
}
