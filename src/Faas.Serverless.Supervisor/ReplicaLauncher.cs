using System.Diagnostics;
using System.Globalization;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Supervisor;

/// <summary>
/// Starts runner agent processes. Each process gets a key of its own for the service's bot, passed in its
/// environment (argv is visible to every user of the machine) and revoked when the process ends.
/// </summary>
public sealed partial class ReplicaLauncher(BotService bots, IApiKeyStore keys, IOptions<RunnerOptions> options, ILogger<ReplicaLauncher> logger)
{
    private readonly RunnerOptions _options = options.Value;
    private readonly Lazy<string> _agentPath = new(() => AgentLocator.Find(options.Value.AgentPath));

    internal async Task<RunnerProcess> StartAsync(Service service, ReplicaKey key, string hostUrl, CancellationToken cancellationToken = default)
    {
        var (apiKey, secret) = await bots.IssueKeyAsync(service.Spec.BotUserId, $"runner {key.ReplicaId}", cancellationToken);
        var agent = _agentPath.Value;
        var startInfo = new ProcessStartInfo(agent.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : agent)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (agent.EndsWith(".dll", StringComparison.Ordinal))
        {
            startInfo.ArgumentList.Add(agent);
        }

        foreach (var argument in new[]
        {
            "--host", hostUrl, "--project", key.ProjectId, "--service", key.ServiceId, "--replica", key.ReplicaId,
            "--work-dir", _options.WorkDir ?? Path.Combine(Path.GetTempPath(), "faas-runner"), "--python", _options.Python,

            // A host killed with SIGKILL cannot stop its runners: they watch it and wind down by themselves.
            "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["FAAS_RUNNER_TOKEN"] = secret;
        var process = RunnerProcess.Start(startInfo, key, apiKey.Id, line => LogRunnerOutput(logger, key.ReplicaId, line));
        LogStarted(logger, key.ReplicaId, service.Name, key.Version, process.Pid);
        return process;
    }

    internal async Task RevokeAsync(Service service, RunnerProcess process, CancellationToken cancellationToken = default) =>
        await keys.DeleteAsync(service.Spec.BotUserId, process.ApiKeyId, cancellationToken);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Started replica {ReplicaId} of service {ServiceName} v{Version} as process {Pid}")]
    private static partial void LogStarted(ILogger logger, string replicaId, string serviceName, int version, int pid);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "[{ReplicaId}] {Line}")]
    private static partial void LogRunnerOutput(ILogger logger, string replicaId, string line);
}
