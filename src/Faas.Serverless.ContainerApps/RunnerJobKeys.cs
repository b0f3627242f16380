using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.ContainerApps;

/// <summary>
/// The runner keys of a service's job: one per job version, issued to the service's bot and marked with the job's
/// name. Executions started from an older version keep their key until the replica timeout has surely ended them.
/// </summary>
internal sealed class RunnerJobKeys(BotService bots, IApiKeyStore keys, TimeProvider clock)
{
    public Task<(ApiKey Key, string Secret)> IssueAsync(string botId, string jobName, CancellationToken cancellationToken = default) =>
        bots.IssueRunnerKeyAsync(botId, jobName, cancellationToken);

    public Task RevokeAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return keys.DeleteAsync(key.UserId, key.Id, cancellationToken);
    }

    /// <summary>
    /// Revokes the job's keys that a newer key replaced more than <paramref name="replicaTimeout"/> ago, or all of
    /// them (<paramref name="replicaTimeout"/> null: the job is gone).
    /// </summary>
    /// <returns>When the next of the remaining old keys may be revoked, or null when none is left.</returns>
    public async Task<DateTimeOffset?> SweepAsync(string botId, string jobName, TimeSpan? replicaTimeout, CancellationToken cancellationToken = default)
    {
        var jobKeys = (await keys.ListAsync(botId, cancellationToken))
            .Where(key => key.RunnerReplicaId == jobName)
            .OrderBy(key => key.CreatedAt)
            .ToList();
        var now = clock.GetUtcNow();
        DateTimeOffset? next = null;
        for (var i = 0; i < jobKeys.Count; i++)
        {
            if (replicaTimeout is not { } timeout)
            {
                await keys.DeleteAsync(botId, jobKeys[i].Id, cancellationToken);
                continue;
            }

            if (i == jobKeys.Count - 1)
            {
                break;
            }

            var due = jobKeys[i + 1].CreatedAt + timeout;
            if (due <= now)
            {
                await keys.DeleteAsync(botId, jobKeys[i].Id, cancellationToken);
            }
            else
            {
                next = next is { } earlier && earlier < due ? earlier : due;
            }
        }

        return next;
    }
}
