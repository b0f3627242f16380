using Faas.Serverless.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Dashboard.Tests.Infrastructure;

/// <summary>
/// The real host listening on a loopback port (the browser needs a real socket), on its own tables, queues,
/// container and task hub in Azurite, starting real runner agents that run real Python code.
/// </summary>
public sealed class DashboardHost : WebApplicationFactory<Program>
{
    public const string AdminKey = "dashboard-tests-admin-key-0123456789";

    private readonly AzuriteFixture _azurite;
    private readonly string _runnerDir = Directory.CreateTempSubdirectory("faas-dashboard-runner-").FullName;
    private readonly string _tablePrefix = "d" + AzuriteFixture.UniqueName("x")[..12];

    public DashboardHost(AzuriteFixture azurite)
    {
        _azurite = azurite;
        UseKestrel(0);
        StartServer();
        BaseUrl = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("AzureWebJobsStorage", _azurite.ConnectionString);
        builder.UseSetting("Faas:Auth:AdminKey", AdminKey);
        builder.UseSetting("Faas:Storage:TablePrefix", _tablePrefix);
        builder.UseSetting("Faas:Storage:CodebaseContainer", AzuriteFixture.UniqueName("code"));
        builder.UseSetting("Faas:Queues:QueuePrefix", _tablePrefix);
        builder.UseSetting("AzureFunctionsJobHost:extensions:durableTask:hubName", AzuriteFixture.UniqueName("hub"));
        builder.UseSetting("Faas:Runners:Provider", "Local");
        builder.UseSetting("Faas:Runners:ReconcileIntervalMs", "300");
        builder.UseSetting("Faas:Runners:MaxRestartBackoffSeconds", "1");
        builder.UseSetting("Faas:Runners:WorkDir", _runnerDir);
        builder.UseSetting("Faas:Queues:MaxPollingIntervalMs", "200");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_runnerDir))
        {
            Directory.Delete(_runnerDir, recursive: true);
        }
    }
}
