using Faas.Serverless.Cli.Hosting;
using Faas.Serverless.Client;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Cli.Commands;

/// <summary>Finds resources by name or id, so people can type names.</summary>
internal static class Resolve
{
    public static async Task<Service> ServiceAsync(Session session, string nameOrId, CancellationToken cancellationToken)
    {
        await foreach (var service in session.Client.ListServicesAsync(session.ProjectId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (service.Id == nameOrId || string.Equals(service.Name, nameOrId, StringComparison.OrdinalIgnoreCase))
            {
                return await session.Client.GetServiceAsync(session.ProjectId, service.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new CliException($"Service '{nameOrId}' was not found in project '{session.ProjectId}' (by name or id).");
    }

    public static async Task<string> PackageIdAsync(Session session, string nameOrId, CancellationToken cancellationToken)
    {
        await foreach (var package in session.Client.ListPackagesAsync(session.ProjectId, name: nameOrId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return package.Id;
        }

        return nameOrId;
    }

    public static async Task<Trigger> TriggerAsync(Session session, string nameOrId, CancellationToken cancellationToken)
    {
        await foreach (var trigger in session.Client.ListTriggersAsync(session.ProjectId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (trigger.Id == nameOrId || string.Equals(trigger.Name, nameOrId, StringComparison.OrdinalIgnoreCase))
            {
                return await session.Client.GetTriggerAsync(session.ProjectId, trigger.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new CliException($"Trigger '{nameOrId}' was not found in project '{session.ProjectId}' (by name or id).");
    }

    public static async Task<List<T>> AllAsync<T>(IAsyncEnumerable<T> items, int? limit = null)
    {
        var list = new List<T>();
        await foreach (var item in items.ConfigureAwait(false))
        {
            if (list.Count == limit)
            {
                break;
            }

            list.Add(item);
        }

        return list;
    }

    public static async Task<string> MyUserIdAsync(Session session, string? userId, CancellationToken cancellationToken)
    {
        if (userId is not null)
        {
            return userId;
        }

        var me = await session.Client.GetMeAsync(cancellationToken).ConfigureAwait(false);
        return me.User?.Id ?? throw new CliException("The admin key belongs to no user: pass --user USER_ID.");
    }

    public static bool IsNotFound(FaasApiException e) => e.Status == System.Net.HttpStatusCode.NotFound;
}
