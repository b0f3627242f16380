using Faas.Serverless.Orchestrations.Work;

namespace Faas.Serverless.Api.Endpoints;

/// <summary>
/// Wakes the runners' <c>work/watch</c> long polls of a service the moment one of its executions is terminated on this
/// host, so a terminate reaches the running call in milliseconds instead of at the next lease renewal. A terminate
/// made on another host is still seen at that renewal.
/// </summary>
internal sealed class TerminationSignals
{
    private readonly WorkSignals _signals = new();

    public void Signal(string serviceId) => _signals.Signal(serviceId);

    /// <summary>Take it before checking, so that a terminate between the check and the wait is not missed.</summary>
    public Task Watch(string serviceId) => _signals.Watch(serviceId);
}
