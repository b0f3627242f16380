namespace Faas.Serverless.Domain.Services;

/// <summary>Why a service takes no work now: its status (as <c>GET .../status</c> shows it) and the reason.</summary>
public sealed record ServiceRefusal(ServiceState Status, string Reason);

/// <summary>
/// Whether work sent to a service can ever run. A stopped service and one whose current version failed (init
/// failed repeatedly, placement refused) run nothing until a user acts, so work for them is refused rather than
/// queued forever; a service still initializing takes work, which waits in its queue for the first replica.
/// </summary>
public static class ServiceAvailability
{
    public static ServiceRefusal? Check(Service service, DeploymentStatus? deployment)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (!service.Active)
        {
            return new ServiceRefusal(ServiceState.Inactive, "the service is stopped; start it (POST .../start) to run executions");
        }

        if (deployment is { Failed: true } failed && failed.ServiceVersion == service.Version)
        {
            var error = failed.Error is { } e ? $"{e.Type}: {e.Message}" : null;
            var reason = string.Join("; ", new[] { failed.Note, error }.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part!.TrimEnd('.')));
            return new ServiceRefusal(ServiceState.Error, reason.Length > 0 ? reason : $"version {service.Version} of the service failed to start");
        }

        return null;
    }
}

/// <summary>Work for a service that cannot run it (see <see cref="ServiceAvailability"/>); the API answers 409.</summary>
public sealed class ServiceNotRunnableException(string serviceName, ServiceRefusal refusal)
    : Exception($"Service '{serviceName}' is {refusal.Status}: {refusal.Reason}.")
{
    public ServiceRefusal Refusal { get; } = refusal;
}
