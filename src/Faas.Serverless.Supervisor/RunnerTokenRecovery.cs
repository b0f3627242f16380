using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Supervisor.Isolation;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Supervisor;

/// <summary>
/// Binds runner tokens to their processes across host crashes. A host killed with SIGKILL revokes nothing, and its
/// runners keep running to report their calls. At start-up the next host revokes every runner key whose process
/// is not alive on this machine (by its launch record's pid and start time, or because no record names it), and
/// keeps the keys of live orphans until they exit.
/// </summary>
internal sealed partial class RunnerTokenRecovery(IServiceStore services, IApiKeyStore keys, ReplicaLauncher launcher, ReplicaWorkspaces workspaces, UidPool uids, ILogger<RunnerTokenRecovery> logger)
{
    private readonly List<(ReplicaLayout Layout, LaunchRecord Record)> _orphans = [];

    public async Task RecoverAsync(CancellationToken cancellationToken = default)
    {
        _orphans.Clear();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var revoked = 0;
        foreach (var (layout, record) in LaunchRecord.ReadAll(workspaces.RunnersRoot))
        {
            if (record?.Process?.IsAlive() == true)
            {
                _orphans.Add((layout, record));
                kept.Add(record.ApiKeyId);
                if (record.Uid is { } uid)
                {
                    uids.Reserve(uid);
                }

                LogOrphanKept(logger, record.ReplicaId, record.Process.Pid);
                continue;
            }

            await launcher.ReleaseAsync(record?.ServiceId ?? "?", record is null ? null : (record.BotUserId, record.ApiKeyId), layout, null, cancellationToken);
            revoked += record is null ? 0 : 1;
        }

        // Keys whose record is lost (a wiped runners folder) are found through the bots of the services.
        foreach (var botId in (await services.ListAllAsync(cancellationToken)).Select(s => s.Spec.BotUserId).Distinct(StringComparer.Ordinal))
        {
            foreach (var key in await keys.ListAsync(botId, cancellationToken))
            {
                if (key.RunnerReplicaId is not null && !kept.Contains(key.Id) && await keys.DeleteAsync(botId, key.Id, cancellationToken))
                {
                    revoked++;
                }
            }
        }

        LogRecovered(logger, _orphans.Count, revoked);
    }

    /// <summary>Revokes and cleans up after orphans that have exited since the last call.</summary>
    public async Task ReapAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (layout, record) in _orphans.Where(orphan => orphan.Record.Process?.IsAlive() != true).ToList())
        {
            await launcher.ReleaseAsync(record.ServiceId, (record.BotUserId, record.ApiKeyId), layout, record.Uid, cancellationToken);
            _orphans.Remove((layout, record));
            LogOrphanGone(logger, record.ReplicaId);
        }
    }

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information, Message = "Replica {ReplicaId} of an earlier host still runs as process {Pid}: its key stays valid until it exits")]
    private static partial void LogOrphanKept(ILogger logger, string replicaId, int pid);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Information, Message = "Runner keys recovered: {Orphans} kept for live orphans, {Revoked} more revoked without a live process")]
    private static partial void LogRecovered(ILogger logger, int orphans, int revoked);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Information, Message = "Orphaned replica {ReplicaId} exited: its key is revoked")]
    private static partial void LogOrphanGone(ILogger logger, string replicaId);
}
