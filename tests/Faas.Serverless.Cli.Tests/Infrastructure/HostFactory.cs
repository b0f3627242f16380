using Faas.Serverless.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Faas.Serverless.Cli.Tests.Infrastructure;

/// <summary>
/// The real host on its own tables, queues, container and task hub in the shared Azurite. With
/// <c>runReplicas</c> it listens on Kestrel and starts real runner agents running real Python code;
/// without, services are deployed but nothing runs their work.
/// </summary>
public sealed class HostFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "cli-tests-admin-key-0123456789abcd";

    private readonly AzuriteFixture _azurite;
    private readonly bool _runReplicas;
    private readonly string _runnerDir = Directory.CreateTempSubdirectory("faas-cli-runner-").FullName;
    private readonly string _tablePrefix = "c" + AzuriteFixture.UniqueName("x")[..12];

    public HostFactory(AzuriteFixture azurite, bool runReplicas = false)
    {
        _azurite = azurite;
        _runReplicas = runReplicas;
        if (runReplicas)
        {
            UseKestrel(0);
            StartServer();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("AzureWebJobsStorage", _azurite.ConnectionString);
        builder.UseSetting("Faas:Auth:AdminKey", AdminKey);
        builder.UseSetting("Faas:Storage:TablePrefix", _tablePrefix);
        builder.UseSetting("Faas:Storage:CodebaseContainer", AzuriteFixture.UniqueName("code"));
        builder.UseSetting("Faas:Queues:QueuePrefix", _tablePrefix);
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
