using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;

namespace Faas.Serverless.Domain.Services;

/// <summary>A bot with the one secret it will ever be shown with.</summary>
public sealed record IssuedBot(User Bot, ApiKey Key, string Secret);

/// <summary>
/// Bots are project users with the Developer role that services run as. Runners authenticate with keys issued
/// to their bot, so removing or demoting the bot takes a service's access away like any other user's.
/// </summary>
public sealed class BotService(IUserStore users, IProjectStore projects, IOrganizationStore organizations, IApiKeyStore keys, TimeProvider clock)
{
    public const string BotEmailDomain = "bots.faas.local";

    public async Task<IssuedBot> CreateAsync(Project project, string name, string creator, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var id = Ids.New();
        var bot = new User(id, $"bot-{id}@{BotEmailDomain}", name, IsBot: true, now, creator);
        await users.CreateAsync(bot, cancellationToken);
        await organizations.SetMemberAsync(new OrganizationMember(project.OrganizationId, id, OrganizationRole.Member, now), cancellationToken);
        await projects.SetMemberAsync(new ProjectMember(project.Id, id, ProjectRole.Developer, now), cancellationToken);
        var (key, secret) = await IssueKeyAsync(id, "bot credentials", cancellationToken);
        return new IssuedBot(bot, key, secret);
    }

    public async Task<IReadOnlyList<User>> ListAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var bots = new List<User>();
        foreach (var member in await projects.ListMembersAsync(projectId, cancellationToken))
        {
            if (await users.GetAsync(member.UserId, cancellationToken) is { IsBot: true } bot)
            {
                bots.Add(bot);
            }
        }

        return bots;
    }

    /// <summary>
    /// Removes the bot from the project, so services running as it lose access there. A bot left in no project
    /// has its keys revoked too.
    /// </summary>
    /// <returns>The revoked keys, or null when the bot is not in the project.</returns>
    public async Task<IReadOnlyList<ApiKey>?> RemoveAsync(string projectId, string botId, CancellationToken cancellationToken = default)
    {
        if (await users.GetAsync(botId, cancellationToken) is not { IsBot: true } || !await projects.RemoveMemberAsync(projectId, botId, cancellationToken))
        {
            return null;
        }

        if ((await projects.ListForUserAsync(botId, cancellationToken)).Count > 0)
        {
            return [];
        }

        var revoked = await keys.ListAsync(botId, cancellationToken);
        foreach (var key in revoked)
        {
            await keys.DeleteAsync(botId, key.Id, cancellationToken);
        }

        return revoked;
    }

    /// <summary>Why <paramref name="botId"/> cannot run services of <paramref name="project"/>, or null when it can.</summary>
    public async Task<string?> AssignmentProblemAsync(Project project, string botId, CancellationToken cancellationToken = default)
    {
        var bot = await users.GetAsync(botId, cancellationToken);
        if (bot is not { IsBot: true })
        {
            return $"'{botId}' is not a bot; create one with POST /api/v1/projects/{project.Id}/bots.";
        }

        if (await organizations.GetMemberAsync(project.OrganizationId, botId, cancellationToken) is null)
        {
            return $"Bot '{botId}' is not a member of organization '{project.OrganizationId}', which owns the project.";
        }

        var member = await projects.GetMemberAsync(project.Id, botId, cancellationToken);
        return member is null ? $"Bot '{botId}' is not a member of project '{project.Id}'."
            : member.Role < ProjectRole.Developer ? $"Bot '{botId}' has the {member.Role} role in project '{project.Id}'; services need Developer."
            : null;
    }

    /// <summary>A key for one runner process of a service running as <paramref name="botId"/>, marked as such.</summary>
    public Task<(ApiKey Key, string Secret)> IssueRunnerKeyAsync(string botId, string replicaId, CancellationToken cancellationToken = default) =>
        IssueKeyAsync(botId, $"runner {replicaId}", replicaId, cancellationToken);

    public Task<(ApiKey Key, string Secret)> IssueKeyAsync(string botId, string name, CancellationToken cancellationToken = default) =>
        IssueKeyAsync(botId, name, null, cancellationToken);

    private async Task<(ApiKey Key, string Secret)> IssueKeyAsync(string botId, string name, string? runnerReplicaId, CancellationToken cancellationToken)
    {
        var secret = ApiKeys.NewSecret();
        var key = new ApiKey(Ids.New(), botId, name, ApiKeys.Hash(secret), clock.GetUtcNow()) { RunnerReplicaId = runnerReplicaId };
        await keys.CreateAsync(key, cancellationToken);
        return (key, secret);
    }
}
