using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Faas.Serverless.Api.Auth;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Api.Http;

/// <summary>
/// Per-key request limits: each authenticated API key (the admin key included) has its own window, and its calls
/// on the runner protocol a second, higher one, so that a runner's long polls and reports never wait behind the
/// same bot's other calls. Requests without a valid key share a window per client IP address.
/// </summary>
internal static class RateLimiting
{
    public const string RunnerTag = "Runner protocol";

    public static IServiceCollection AddFaasRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            var settings = limits.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteRejectionAsync;
            if (settings.Enabled)
            {
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, settings));
            }
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitOptions settings)
    {
        var keyId = http.User.FindFirstValue(Caller.KeyClaim);
        var (name, window) = keyId is null ? ("ip:" + http.Connection.RemoteIpAddress, settings.Anonymous)
            : IsRunnerProtocol(http) ? ("runner:" + keyId, settings.Runner)
            : ("key:" + keyId, settings.ApiKey);
        return RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = window.PermitLimit,
            Window = TimeSpan.FromSeconds(window.WindowSeconds),
            QueueLimit = 0,
        });
    }

    private static bool IsRunnerProtocol(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<ITagsMetadata>()?.Tags.Contains(RunnerTag, StringComparer.Ordinal) == true;

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This API key (or client address) exceeded its request limit; retry after {seconds} s.",
            },
        });
    }
}
