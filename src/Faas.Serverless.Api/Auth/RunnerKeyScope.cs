using System.Security.Claims;
using Faas.Serverless.ContainerApps;

namespace Faas.Serverless.Api.Auth;

/// <summary>
/// Whether a request comes with a runner key the platform issued for one of a service's replicas. A bot may run
/// services in several projects, and its other keys (the one shown at its creation, any issued later) are not tied to
/// a service, so only such a key may read a service's secrets.
/// </summary>
internal static class RunnerKeyScope
{
    public static bool IsFor(ClaimsPrincipal principal, string serviceId)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var runner = principal.FindFirstValue(Caller.RunnerClaim);

        // Local replicas are "{serviceId}-v{version}-r{index}" (the supervisor's ReplicaKey); cloud keys name the service's job.
        return runner is not null && (runner.StartsWith(serviceId + "-v", StringComparison.Ordinal) || runner == JobNames.For(serviceId));
    }
}
