using System.ComponentModel.DataAnnotations;

namespace Faas.Serverless.ContainerApps;

/// <summary>
/// Bound from <c>Faas:Runners:ContainerApps</c> (app settings <c>Faas__Runners__ContainerApps__*</c>, set by infra/);
/// checked at start-up when <c>Faas:Runners:Provider</c> is <c>ContainerApps</c>.
/// </summary>
public sealed record ContainerAppsOptions
{
    public const string Section = "Faas:Runners:ContainerApps";

    [Required]
    public string SubscriptionId { get; init; } = string.Empty;

    [Required]
    public string ResourceGroup { get; init; } = string.Empty;

    /// <summary>Region of the jobs: the Container Apps environment's.</summary>
    [Required]
    public string Location { get; init; } = string.Empty;

    /// <summary>Resource id of the Container Apps environment the jobs run in.</summary>
    [Required]
    public string EnvironmentId { get; init; } = string.Empty;

    /// <summary>Resource id of the runners' user-assigned identity: image pulls and the queue scaler, never the containers.</summary>
    [Required]
    public string IdentityId { get; init; } = string.Empty;

    /// <summary>Login server of the registry the identity pulls from; images elsewhere are pulled anonymously.</summary>
    public string? RegistryServer { get; init; }

    /// <summary>Image of services without a <c>runtime.runnerImage</c>.</summary>
    [Required]
    public string DefaultImage { get; init; } = string.Empty;

    /// <summary>Storage account that holds the work queues the jobs scale on.</summary>
    [Required]
    public string StorageAccountName { get; init; } = string.Empty;

    /// <summary>Base URL of this API, which runners call back on.</summary>
    [Required]
    [Url]
    public string HostUrl { get; init; } = string.Empty;

    /// <summary>Client id of the user-assigned identity this host calls Azure Resource Manager with; empty: DefaultAzureCredential.</summary>
    public string? ManagementClientId { get; init; }

    [Required]
    [Url]
    public string ManagementEndpoint { get; init; } = "https://management.azure.com";

    /// <summary>How often KEDA looks at a work queue.</summary>
    [Range(1, 3600)]
    public int PollingIntervalSeconds { get; init; } = 30;

    /// <summary>Longest life of one job execution (one runner agent); never shorter than a call's timeout plus drain time.</summary>
    [Range(60, 7 * 24 * 3600)]
    public int ReplicaTimeoutSeconds { get; init; } = 3600;

    /// <summary>
    /// A job execution (one runner agent) exits after this long with no call running, so an idle service costs no
    /// container; KEDA starts executions again while its queue holds work (and keeps <c>minExecutions</c> running).
    /// </summary>
    [Range(30, 86_400)]
    public int IdleExitSeconds { get; init; } = 300;

    /// <summary>vCPUs of a runner container (Consumption profile pairs: 0.25 with 0.5Gi up to 4 with 8Gi).</summary>
    [Range(0.25, 4.0)]
    public double Cpu { get; init; } = 1.0;

    [Required]
    [RegularExpression(@"^\d+(\.\d+)?Gi$")]
    public string Memory { get; init; } = "2Gi";
}
