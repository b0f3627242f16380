using System.Text.Json;
using Faas.Serverless.Domain.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Supervisor.Tests;

public sealed class RunnerProviderRegistrationTests
{
    [Fact]
    public void AddRunnerSupervisor_ExternalConfigured_IsTheProviderTheSupervisorGets()
    {
        using var services = Services("External");

        Assert.IsType<ExternalRunnerProvider>(services.GetRequiredService<IRunnerProvider>());
    }

    [Fact]
    public void AddRunnerSupervisor_ProviderNobodyRegistered_FailsNamingIt()
    {
        using var services = Services("ContainerApps");

        var ex = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IRunnerProvider>());

        Assert.Contains("ContainerApps", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExternalProvider_Reconcile_ReturnsOnlyServicesBeingDeleted()
    {
        var kept = Service("kept", deleting: false);
        var deleted = Service("deleted", deleting: true);

        var removed = await new ExternalRunnerProvider().ReconcileAsync([kept, deleted]);

        Assert.Equal([deleted], removed);
    }

    private static ServiceProvider Services(string provider)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Faas:Runners:Provider"] = provider }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddSingleton(TimeProvider.System);
        return services.AddRunnerSupervisor().BuildServiceProvider();
    }

    private static Service Service(string id, bool deleting) => new(
        id, "project", id, new ServiceSpec("package", "pkg", 1, "main", new Dictionary<string, JsonElement>(), ServiceDefaults.Runtime, 3, 60, 60, OnReset.Failed, "bot"),
        Active: true, deleting, Version: 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "user", "etag");
}
