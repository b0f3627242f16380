using System.ComponentModel.DataAnnotations;

namespace Faas.Serverless.Api.Http;

/// <summary>Bound from <c>Faas:RateLimits</c> (host.json <c>extensions.faas.rateLimits</c>); see docs/api.md.</summary>
public sealed record RateLimitOptions : IValidatableObject
{
    public const string Section = "Faas:RateLimits";

    public bool Enabled { get; init; } = true;

    /// <summary>Every API key, the admin key included, outside the runner protocol.</summary>
    public RateLimitWindow ApiKey { get; init; } = new() { PermitLimit = 6000, WindowSeconds = 60 };

    /// <summary>Each key on the runner protocol: counted apart from the key's other calls, and higher, so runners are never starved.</summary>
    public RateLimitWindow Runner { get; init; } = new() { PermitLimit = 60000, WindowSeconds = 60 };

    /// <summary>Requests without a valid key, per client IP address.</summary>
    public RateLimitWindow Anonymous { get; init; } = new() { PermitLimit = 600, WindowSeconds = 60 };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, window) in new[] { ("apiKey", ApiKey), ("runner", Runner), ("anonymous", Anonymous) })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(window, new ValidationContext(window), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"rateLimits.{name}: {result.ErrorMessage}", [name]);
            }
        }

        if (Runner.PermitsPerSecond < ApiKey.PermitsPerSecond)
        {
            yield return new ValidationResult("rateLimits.runner must allow at least as many requests per second as rateLimits.apiKey, so runners are never starved.", ["runner"]);
        }
    }
}

/// <summary>A fixed window: at most <see cref="PermitLimit"/> requests per <see cref="WindowSeconds"/>.</summary>
public sealed record RateLimitWindow
{
    [Range(1, 10_000_000)]
    public int PermitLimit { get; init; }

    [Range(1, 86_400)]
    public int WindowSeconds { get; init; }

    internal double PermitsPerSecond => (double)PermitLimit / WindowSeconds;
}
