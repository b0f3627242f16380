using Faas.Serverless.Api.Auth;
using Faas.Serverless.Orchestrations.Work;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Serverless.Api.Endpoints;

internal static partial class RunnerEndpoints
{
    /// <summary>
    /// Long poll: answers with the leases among <see cref="WatchRequest.LeaseIds"/> whose attempt is to stop, as soon as a
    /// terminate on this host concerns the service, or with none after <c>waitSeconds</c>. Costs no storage request while
    /// it waits; the runner confirms with a renewal, which stays the authority.
    /// </summary>
    private static async Task<Ok<WatchResponse>> WatchAsync(
        WatchRequest request, HttpContext http, TerminationSignals signals, IExecutionTermination termination, TimeProvider clock, CancellationToken cancellationToken)
    {
        var service = http.GetRunnerService();
        var leases = new List<(string Id, Lease Lease)>();
        foreach (var id in request.LeaseIds ?? [])
        {
            if (LeaseIds.TryParse(id, out var lease))
            {
                leases.Add((id, lease));
            }
        }

        if (leases.Count > MaxWatchedLeases)
        {
            throw Invalid("leaseIds", $"At most {MaxWatchedLeases} leases can be watched at once.");
        }

        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Clamp(request.WaitSeconds ?? 0, 0, MaxWaitSeconds));
        while (leases.Count > 0)
        {
            var signalled = signals.Watch(service.Id);
            var remaining = deadline - clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            try
            {
                await signalled.WaitAsync(remaining, clock, cancellationToken);
            }
            catch (TimeoutException)
            {
                break;
            }

            var stopping = new List<string>();
            foreach (var (id, lease) in leases)
            {
                if (await termination.IsRequestedAsync(lease.ExecutionId, lease.Attempt, cancellationToken))
                {
                    stopping.Add(id);
                }
            }

            if (stopping.Count > 0)
            {
                return TypedResults.Ok(new WatchResponse(stopping));
            }
        }

        return TypedResults.Ok(new WatchResponse([]));
    }
}
