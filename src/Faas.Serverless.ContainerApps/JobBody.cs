using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Faas.Serverless.ContainerApps;

/// <summary>
/// The ARM request body of a service's job (Microsoft.App/jobs): event-triggered by KEDA's azure-queue rule on the
/// service's work queue, authenticated with the runner identity, which the containers themselves cannot use. The
/// runner agent gets the service bot's runner key as a job secret, and nothing else that is secret.
/// </summary>
internal static class JobBody
{
    public const string SpecTag = "faas-spec";
    public const string TokenSecret = "runner-token";

    /// <summary>The body with <paramref name="token"/> as the runner key, tagged with <see cref="Fingerprint"/>.</summary>
    public static JsonObject Build(JobDefinition job, string token)
    {
        var body = Unsigned(job, token);
        body["tags"]![SpecTag] = Fingerprint(job);
        return body;
    }

    /// <summary>Changes with anything in the body but the token: equal fingerprints need no update.</summary>
    public static string Fingerprint(JobDefinition job)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Unsigned(job, string.Empty).ToJsonString()));
        return Convert.ToHexStringLower(hash)[..32];
    }

    private static JsonObject Unsigned(JobDefinition job, string token) => new()
    {
        ["location"] = job.Location,
        ["tags"] = new JsonObject
        {
            ["faas-project-id"] = job.ProjectId,
            ["faas-service-id"] = job.ServiceId,
            ["faas-service-version"] = job.ServiceVersion.ToString(CultureInfo.InvariantCulture),
        },
        ["identity"] = new JsonObject
        {
            ["type"] = "UserAssigned",
            ["userAssignedIdentities"] = new JsonObject { [job.IdentityId] = new JsonObject() },
        },
        ["properties"] = new JsonObject
        {
            ["environmentId"] = job.EnvironmentId,
            ["workloadProfileName"] = "Consumption",
            ["configuration"] = Configuration(job, token),
            ["template"] = new JsonObject { ["containers"] = new JsonArray(Container(job)) },
        },
    };

    private static JsonObject Configuration(JobDefinition job, string token) => new()
    {
        ["triggerType"] = "Event",
        ["replicaTimeout"] = job.ReplicaTimeoutSeconds,

        // Retries belong to the platform (maxAttempts with backoff), not to Container Apps.
        ["replicaRetryLimit"] = 0,
        ["identitySettings"] = new JsonArray(new JsonObject { ["identity"] = job.IdentityId, ["lifecycle"] = "None" }),
        ["registries"] = job.RegistryServer is { } server
            ? new JsonArray(new JsonObject { ["server"] = server, ["identity"] = job.IdentityId })
            : new JsonArray(),
        ["secrets"] = new JsonArray(new JsonObject { ["name"] = TokenSecret, ["value"] = token }),
        ["eventTriggerConfig"] = new JsonObject
        {
            ["parallelism"] = 1,
            ["replicaCompletionCount"] = 1,
            ["scale"] = new JsonObject
            {
                ["minExecutions"] = job.MinExecutions,
                ["maxExecutions"] = job.MaxExecutions,
                ["pollingInterval"] = job.PollingIntervalSeconds,
                ["rules"] = new JsonArray(new JsonObject
                {
                    ["name"] = "work-queue",
                    ["type"] = "azure-queue",
                    ["metadata"] = new JsonObject
                    {
                        ["accountName"] = job.StorageAccountName,
                        ["queueName"] = job.QueueName,
                        ["queueLength"] = job.QueueLength.ToString(CultureInfo.InvariantCulture),
                    },
                    ["identity"] = job.IdentityId,
                }),
            },
        },
    };

    private static JsonObject Container(JobDefinition job) => new()
    {
        ["name"] = "runner",
        ["image"] = job.Image,

        // The image's job entry point adds --replica: each execution is a replica, named by its host name.
        ["command"] = new JsonArray("/app/faas-runner-job"),
        ["args"] = new JsonArray(
            "--host", job.HostUrl, "--project", job.ProjectId, "--service", job.ServiceId,
            "--exit-when-idle", job.IdleExitSeconds.ToString(CultureInfo.InvariantCulture)),
        ["env"] = new JsonArray(new JsonObject { ["name"] = "FAAS_RUNNER_TOKEN", ["secretRef"] = TokenSecret }),
        ["resources"] = new JsonObject { ["cpu"] = job.Cpu, ["memory"] = job.Memory },
    };
}
