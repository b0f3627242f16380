using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Supervisor.Isolation;

/// <summary>What <c>GET /api/health</c> reports as <c>isolation</c>.</summary>
public interface IReplicaIsolationStatus
{
    /// <summary>
    /// <c>bubblewrap+uid</c>, <c>uid</c>, <c>bubblewrap</c> or <c>none</c> for replicas this host runs;
    /// <c>external</c> when they run elsewhere (one container per service in the cloud).
    /// </summary>
    string Isolation { get; }
}

internal sealed class ReplicaIsolationStatus(IServiceProvider provider, IOptions<RunnerOptions> options) : IReplicaIsolationStatus
{
    public string Isolation => options.Value.Provider == RunnerProvider.Local
        ? provider.GetRequiredService<ReplicaIsolation>().Level.ToWireName()
        : "external";
}
