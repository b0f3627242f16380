using System.CommandLine;
using Faas.Serverless.Cli.Hosting;

namespace Faas.Serverless.Cli.Commands;

/// <summary><c>faas users me|create</c>.</summary>
internal static class UserCommands
{
    public static Command Create(Binder binder)
    {
        var command = new Command("users", "Users: who you are, and (admin) new users.");

        var me = new Command("me", "Show who the saved API key belongs to.");
        binder.Bind(me, async (session, cancellationToken) =>
        {
            var caller = await session.Client.GetMeAsync(cancellationToken).ConfigureAwait(false);
            session.Print.Item(caller, ("ID", caller.Id), ("Admin", caller.IsAdmin), ("Name", caller.User?.Name), ("Email", caller.User?.Email));
        });
        command.Add(Examples.Set(me, "faas users me"));

        var email = new Option<string>("--email") { Description = "A plain email address, unique.", Required = true };
        var name = new Option<string>("--name") { Description = "The display name.", Required = true };
        var create = new Command("create", "Create a user (platform admin only); give them a key with 'faas keys create --user'.") { email, name };
        binder.Bind(create, async (session, cancellationToken) =>
        {
            var user = await session.Client.CreateUserAsync(session.Value(email), session.Value(name), cancellationToken).ConfigureAwait(false);
            session.Print.Item(user, ("ID", user.Id), ("Email", user.Email), ("Name", user.Name));
        });
        command.Add(Examples.Set(create, "faas users create --email ada@example.com --name Ada"));
        return Examples.Set(command, "faas users me");
    }
}
