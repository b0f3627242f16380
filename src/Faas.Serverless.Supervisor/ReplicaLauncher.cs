using System.Globalization;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Supervisor.Isolation;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Supervisor;

/// <summary>
/// Starts runner agent processes, each isolated as far as this machine allows (see <see cref="ReplicaIsolation"/>),
/// in its own folders, with a bot key of its own passed on its stdin (argv and the environment are readable by
/// other processes), and gives everything back when the process ends.
/// </summary>
internal sealed partial class ReplicaLauncher(BotService bots, IApiKeyStore keys, ReplicaIsolation isolation, ReplicaWorkspaces workspaces, UidPool uids, ILogger<ReplicaLauncher> logger)
{
    public async Task<RunnerProcess> StartAsync(Service service, ReplicaKey key, string hostUrl, CancellationToken cancellationToken = default)
    {
        var uid = isolation.Level.UsesUid() ? uids.Rent() : (int?)null;
        ReplicaLayout? layout = null;
        ApiKey? apiKey = null;
        try
        {
            layout = await workspaces.CreateAsync(service, key.ReplicaId, uid, cancellationToken);
            (apiKey, var secret) = await bots.IssueRunnerKeyAsync(service.Spec.BotUserId, key.ReplicaId, cancellationToken);
            var grant = new ReplicaGrant(service.Id, key.ReplicaId, apiKey.UserId, apiKey.Id, layout, uid);
            var command = isolation.Sandbox.Build(layout, uid, AgentArguments(key, hostUrl, layout), Environment.GetEnvironmentVariable);
            var process = await RunnerProcess.StartAsync(command, key, grant, secret, line => LogRunnerOutput(logger, key.ReplicaId, line), cancellationToken);
            new LaunchRecord(service.Id, key.ReplicaId, grant.BotUserId, grant.ApiKeyId, uid, ProcessIdentity.Capture(process.StartedPid)).Write(layout);
            LogStarted(logger, key.ReplicaId, service.Name, key.Version, process.Pid, isolation.Level);
            return process;
        }
        catch
        {
            await ReleaseAsync(service.Id, apiKey is null ? null : (apiKey.UserId, apiKey.Id), layout, uid, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Revokes the process's key, removes its folders and frees its uid; call once it has exited.</summary>
    public Task ReleaseAsync(RunnerProcess process, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        var grant = process.Grant;
        return ReleaseAsync(grant.ServiceId, (grant.BotUserId, grant.ApiKeyId), grant.Layout, grant.Uid, cancellationToken);
    }

    public async Task ReleaseAsync(string serviceId, (string BotUserId, string ApiKeyId)? key, ReplicaLayout? layout, int? uid, CancellationToken cancellationToken = default)
    {
        if (key is { } issued)
        {
            await keys.DeleteAsync(issued.BotUserId, issued.ApiKeyId, cancellationToken);
            LogRevoked(logger, issued.ApiKeyId, serviceId);
        }

        if (layout is not null)
        {
            ReplicaWorkspaces.Delete(layout);
        }

        if (uid is { } id)
        {
            uids.Return(id);
        }
    }

    private List<string> AgentArguments(ReplicaKey key, string hostUrl, ReplicaLayout layout) =>
    [
        "--host", hostUrl, "--project", key.ProjectId, "--service", key.ServiceId, "--replica", key.ReplicaId,
        "--work-dir", layout.WorkDir, "--python", isolation.Runtime.Python, "--sdk", isolation.Runtime.SdkDir,
        "--codebase-dir", layout.Codebase, "--spool-dir", layout.Spool,

        // A host killed with SIGKILL cannot stop its runners: they see their stdin end and wind down by themselves.
        // The pid only names the host for tools; inside a sandbox's pid namespace it cannot be watched.
        "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "--parent-stdin",
    ];

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Started replica {ReplicaId} of service {ServiceName} v{Version} as process {Pid} (isolation {Isolation})")]
    private static partial void LogStarted(ILogger logger, string replicaId, string serviceName, int version, int pid, IsolationLevel isolation);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "[{ReplicaId}] {Line}")]
    private static partial void LogRunnerOutput(ILogger logger, string replicaId, string line);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Revoked runner key {ApiKeyId} of service {ServiceId}")]
    private static partial void LogRevoked(ILogger logger, string apiKeyId, string serviceId);
}
