using System.Text.Json;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using Faas.Serverless.ContainerApps.Tests.Fakes;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Work;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.ContainerApps.Tests;

/// <summary>The services, settings and provider the tests share.</summary>
internal static class TestServices
{
    public const string ServiceId = "0199a1b2c3d4e5f60718293a4b5c6d7e";
    public const string BotId = "bot-1";
    public static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static ContainerAppsOptions Options { get; } = new()
    {
        SubscriptionId = "00000000-0000-0000-0000-000000000001",
        ResourceGroup = "rg-faas",
        Location = "westeurope",
        EnvironmentId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-faas/providers/Microsoft.App/managedEnvironments/cae-faas",
        IdentityId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-faas/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-runner",
        RegistryServer = "crfaas.azurecr.io",
        DefaultImage = "crfaas.azurecr.io/faas-serverless/runner:latest",
        StorageAccountName = "stfaas",
        HostUrl = "https://func-faas.azurewebsites.net/",
    };

    public static Service Service(ServiceRuntime? runtime = null, int version = 1, bool active = true, bool deleting = false) => new(
        ServiceId,
        "project-1",
        "echo",
        new ServiceSpec("package-1", "echo-pkg", 1, "main", new Dictionary<string, JsonElement>(), runtime ?? new ServiceRuntime(false, 2, 6, null, null), 3, 600, 300, OnReset.Failed, BotId),
        active,
        deleting,
        version,
        Now,
        Now,
        "user-1",
        "etag");

    public static ServiceWorkQueues Queues() => new(
        new QueueServiceClient(new Uri("https://stfaas.queue.core.windows.net")),
        new WorkSignals(),
        Unused.Of<IExecutionPayloadStore>(),
        Microsoft.Extensions.Options.Options.Create(new QueueOptions()),
        TimeProvider.System);

    public static ContainerAppsJobs Jobs(RecordingHandler handler) =>
        ContainerAppsJobs.Create(Options, new StaticToken(), new HttpClientTransport(new HttpClient(handler)));

    public static ContainerAppsRunnerProvider Provider(RecordingHandler handler, InMemoryApiKeys keys, InMemoryReplicas replicas, FixedClock clock)
    {
        var bots = new BotService(Unused.Of<IUserStore>(), Unused.Of<IProjectStore>(), Unused.Of<IOrganizationStore>(), keys, clock);
        return new ContainerAppsRunnerProvider(
            Jobs(handler), new RunnerJobKeys(bots, keys, clock), replicas, Queues(), Microsoft.Extensions.Options.Options.Create(Options), clock, NullLogger<ContainerAppsRunnerProvider>.Instance);
    }
}
