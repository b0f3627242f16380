using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Testing;

/// <summary>
/// The real host (its <typeparamref name="TEntryPoint"/>, the local host's <c>Program</c>) on its own tables, queues,
/// container and task hub in the shared Azurite. With <c>runReplicas</c> it listens on a loopback port
/// (<see cref="BaseUrl"/>) and starts real runner agents running real Python code; without, services are deployed
/// but nothing runs their work.
/// </summary>
public class RealHostFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    private readonly AzuriteFixture _azurite;
    private readonly string _adminKey;
    private readonly bool _runReplicas;
    private readonly string _runnerDir = Directory.CreateTempSubdirectory("faas-runner-").FullName;
    private readonly string _prefix = "h" + AzuriteFixture.UniqueName("x")[..12];

    public RealHostFactory(AzuriteFixture azurite, string adminKey, bool runReplicas)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        _azurite = azurite;
        _adminKey = adminKey;
        _runReplicas = runReplicas;
        if (runReplicas)
        {
            UseKestrel(0);
            StartServer();
            BaseUrl = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }

    /// <summary>Where the host listens, when it runs replicas (they call it back over the network).</summary>
    public Uri? BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("AzureWebJobsStorage", _azurite.ConnectionString);
        builder.UseSetting("Faas:Auth:AdminKey", _adminKey);
        builder.UseSetting("Faas:Storage:TablePrefix", _prefix);
        builder.UseSetting("Faas:Storage:CodebaseContainer", AzuriteFixture.UniqueName("code"));
        builder.UseSetting("Faas:Queues:QueuePrefix", _prefix);
        builder.UseSetting("AzureFunctionsJobHost:extensions:durableTask:hubName", AzuriteFixture.UniqueName("hub"));
        builder.UseSetting("Faas:Runners:Provider", _runReplicas ? "Local" : "External");
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
