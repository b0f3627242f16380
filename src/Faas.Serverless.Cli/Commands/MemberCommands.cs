using System.CommandLine;
using Faas.Serverless.Cli.Hosting;

namespace Faas.Serverless.Cli.Commands;

/// <summary><c>faas members list|set|remove</c> of the current project.</summary>
internal static class MemberCommands
{
    public static Command Create(Binder binder)
    {
        var command = new Command("members", "Members of the project and their roles (Viewer, Annotator, Developer, Owner).");

        var list = new Command("list", "List the project's members.");
        binder.Bind(list, async (session, cancellationToken) =>
        {
            var items = await Resolve.AllAsync(session.Client.ListProjectMembersAsync(session.ProjectId, cancellationToken)).ConfigureAwait(false);
            session.Print.List(items, ("USER", m => m.UserId), ("ROLE", m => m.Role), ("ADDED", m => m.AddedAt));
        });
        command.Add(Examples.Set(list, "faas members list"));

        var user = new Argument<string>("user") { Description = "The user id." };
        var role = new Option<string>("--role") { Description = "Viewer, Annotator, Developer or Owner.", Required = true };
        role.AcceptOnlyFromAmong("Viewer", "Annotator", "Developer", "Owner");
        var set = new Command("set", "Add a member or change their role (Owner only).") { user, role };
        binder.Bind(set, async (session, cancellationToken) =>
        {
            var member = await session.Client.SetProjectMemberAsync(session.ProjectId, session.Value(user), session.Value(role), cancellationToken).ConfigureAwait(false);
            session.Print.Item(member, ("User", member.UserId), ("Role", member.Role), ("Project", member.ProjectId));
        });
        command.Add(Examples.Set(set, "faas members set 01a1fd88… --role Developer"));

        var removed = new Argument<string>("user") { Description = "The user id." };
        var remove = new Command("remove", "Remove a member from the project (Owner only).") { removed };
        binder.Bind(remove, async (session, cancellationToken) =>
        {
            await session.Client.RemoveProjectMemberAsync(session.ProjectId, session.Value(removed), cancellationToken).ConfigureAwait(false);
            session.Print.Done($"Removed {session.Value(removed)} from the project.", new { removed = session.Value(removed) });
        });
        command.Add(Examples.Set(remove, "faas members remove 01a1fd88…"));
        return Examples.Set(command, "faas members list", "faas members set USER_ID --role Viewer");
    }
}
