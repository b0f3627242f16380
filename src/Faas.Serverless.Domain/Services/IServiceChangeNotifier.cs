namespace Faas.Serverless.Domain.Services;

/// <summary>Tells the runner provider that a service changed, so it reconciles now rather than at its next poll.</summary>
public interface IServiceChangeNotifier
{
    void ServiceChanged(string serviceId);
}
