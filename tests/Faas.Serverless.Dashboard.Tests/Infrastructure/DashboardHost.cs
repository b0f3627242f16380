using Faas.Serverless.Testing;

namespace Faas.Serverless.Dashboard.Tests.Infrastructure;

/// <summary>The local host listening on a loopback port, as the browser needs a real socket, running real replicas.</summary>
public sealed class DashboardHost(AzuriteFixture azurite) : RealHostFactory<Program>(azurite, AdminKey, runReplicas: true)
{
    public const string AdminKey = "dashboard-tests-admin-key-0123456789";

    public new Uri BaseUrl => base.BaseUrl!;
}
