using System.CommandLine;
using Faas.Serverless.Cli.Hosting;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Cli.Commands;

/// <summary><c>faas orgs create|list|add-member</c>.</summary>
internal static class OrganizationCommands
{
    public static Command Create(Binder binder)
    {
        var command = new Command("orgs", "Organizations: they own projects and hold the people who may join them.");

        var name = new Argument<string>("name") { Description = "The organization's name." };
        var create = new Command("create", "Create an organization (platform admin only).") { name };
        binder.Bind(create, async (session, cancellationToken) =>
            Show(session, await session.Client.CreateOrganizationAsync(session.Value(name), cancellationToken).ConfigureAwait(false)));
        command.Add(Examples.Set(create, "faas orgs create acme"));

        var list = new Command("list", "List the organizations you are a member of (all of them for the admin).");
        binder.Bind(list, async (session, cancellationToken) =>
        {
            var items = await Resolve.AllAsync(session.Client.ListOrganizationsAsync(cancellationToken)).ConfigureAwait(false);
            session.Print.List(items, ("ID", o => o.Id), ("NAME", o => o.Name), ("CREATED", o => o.CreatedAt));
        });
        command.Add(Examples.Set(list, "faas orgs list", "faas orgs list -o json"));

        var organization = new Argument<string>("organization") { Description = "The organization id." };
        var user = new Argument<string>("user") { Description = "The user id." };
        var role = new Option<string>("--role") { Description = "Member or Owner.", DefaultValueFactory = _ => "Member" };
        role.AcceptOnlyFromAmong("Member", "Owner");
        var addMember = new Command("add-member", "Add a user to an organization, or change their role there.") { organization, user, role };
        binder.Bind(addMember, async (session, cancellationToken) =>
        {
            var member = await session.Client.AddOrganizationMemberAsync(session.Value(organization), session.Value(user), session.Value(role), cancellationToken).ConfigureAwait(false);
            session.Print.Item(member, ("Organization", member.OrganizationId), ("User", member.UserId), ("Role", member.Role));
        });
        command.Add(Examples.Set(addMember, "faas orgs add-member 01a1fd88… 01a1fd89… --role Owner"));
        return Examples.Set(command, "faas orgs create acme", "faas orgs list");
    }

    private static void Show(Session session, Organization organization) =>
        session.Print.Item(organization, ("ID", organization.Id), ("Name", organization.Name), ("Created", organization.CreatedAt));
}
