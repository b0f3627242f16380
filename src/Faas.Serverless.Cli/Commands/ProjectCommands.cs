using System.CommandLine;
using Faas.Serverless.Cli.Hosting;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Cli.Commands;

/// <summary><c>faas projects create|list|get|use</c>.</summary>
internal static class ProjectCommands
{
    public static Command Create(Binder binder)
    {
        var command = new Command("projects", "Projects: hold packages, services, triggers, secrets and bots.");

        var name = new Argument<string>("name") { Description = "The project's name." };
        var organization = new Option<string>("--org") { Description = "The organization id it belongs to.", Required = true };
        var owner = new Option<string?>("--owner") { Description = "Admin only: the user who owns it (a member of the organization)." };
        var use = new Option<bool>("--use") { Description = "Also make it the default project." };
        var create = new Command("create", "Create a project; you become its Owner.") { name, organization, owner, use };
        binder.Bind(create, async (session, cancellationToken) =>
        {
            var project = await session.Client.CreateProjectAsync(session.Value(name), session.Value(organization), session.Value(owner), cancellationToken).ConfigureAwait(false);
            if (session.Value(use))
            {
                session.Store.Save(session.Config with { Project = project.Id });
            }

            Show(session, project);
        });
        command.Add(Examples.Set(create, "faas projects create demo --org 01a1fd88… --use"));

        var list = new Command("list", "List the projects you are a member of (all of them for the admin).");
        binder.Bind(list, async (session, cancellationToken) =>
        {
            var items = await Resolve.AllAsync(session.Client.ListProjectsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
            var current = session.Config.Project;
            session.Print.List(items, ("", p => p.Id == current ? "*" : ""), ("ID", p => p.Id), ("NAME", p => p.Name), ("ORGANIZATION", p => p.OrganizationId), ("CREATED", p => p.CreatedAt));
        });
        command.Add(Examples.Set(list, "faas projects list"));

        var id = new Argument<string?>("project") { Description = "The project id; the default project when left out.", Arity = ArgumentArity.ZeroOrOne };
        var get = new Command("get", "Show a project.") { id };
        binder.Bind(get, async (session, cancellationToken) =>
            Show(session, await session.Client.GetProjectAsync(session.Value(id) ?? session.ProjectId, cancellationToken).ConfigureAwait(false)));
        command.Add(Examples.Set(get, "faas projects get", "faas projects get 01a1fd88… -o json"));

        var chosen = new Argument<string>("project") { Description = "The project id." };
        var useCommand = new Command("use", "Make a project the default for every command (saved in the config file).") { chosen };
        binder.Bind(useCommand, async (session, cancellationToken) =>
        {
            var project = await session.Client.GetProjectAsync(session.Value(chosen), cancellationToken).ConfigureAwait(false);
            session.Store.Save(session.Config with { Project = project.Id });
            session.Print.Done($"Using project {project.Name} ({project.Id}).", project);
        });
        command.Add(Examples.Set(useCommand, "faas projects use 01a1fd886d9074cbb5ae21ab9617053f"));
        return Examples.Set(command, "faas projects list", "faas projects use 01a1fd88…");
    }

    private static void Show(Session session, Project project) =>
        session.Print.Item(project, ("ID", project.Id), ("Name", project.Name), ("Organization", project.OrganizationId), ("Created", project.CreatedAt), ("Creator", project.Creator));
}
