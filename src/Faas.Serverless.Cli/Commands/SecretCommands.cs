using System.CommandLine;
using Faas.Serverless.Cli.Hosting;

namespace Faas.Serverless.Cli.Commands;

/// <summary><c>faas secrets set|list|delete</c>: values are read from standard input and never shown.</summary>
internal static class SecretCommands
{
    public static Command Create(Binder binder)
    {
        var command = new Command("secrets", "Project secrets: environment variables for the services that name them; values are write-only.");

        var name = new Argument<string>("name") { Description = "The name, such as OPENAI_KEY ([A-Z_][A-Z0-9_]*)." };
        var set = new Command("set", "Create or replace a secret with the value on standard input (one trailing newline is dropped); services using it restart.") { name };
        binder.Bind(set, async (session, cancellationToken) =>
        {
            var value = await session.Io.Input.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            value = value.EndsWith("\r\n", StringComparison.Ordinal) ? value[..^2] : value.EndsWith('\n') ? value[..^1] : value;
            if (value.Length == 0)
            {
                throw new CliException("The secret's value is read from standard input, which was empty: printf '%s' \"$VALUE\" | faas secrets set NAME.");
            }

            var change = await session.Client.SetSecretAsync(session.ProjectId, session.Value(name), value, cancellationToken).ConfigureAwait(false);
            session.Print.Item(change, ("Name", change.Secret.Name), ("Version", change.Secret.Version), ("Restarted services", change.RestartedServices));
        });
        command.Add(Examples.Set(set, "printf '%s' \"$OPENAI_KEY\" | faas secrets set OPENAI_KEY", "faas secrets set DB_PASSWORD < password.txt"));

        var list = new Command("list", "List the project's secrets: names and versions, never values.");
        binder.Bind(list, async (session, cancellationToken) =>
        {
            var items = await Resolve.AllAsync(session.Client.ListSecretsAsync(session.ProjectId, cancellationToken)).ConfigureAwait(false);
            session.Print.List(items, ("NAME", s => s.Name), ("VERSION", s => s.Version), ("UPDATED", s => s.UpdatedAt), ("UPDATED BY", s => s.UpdatedBy));
        });
        command.Add(Examples.Set(list, "faas secrets list"));

        var deleted = new Argument<string>("name") { Description = "The secret's name." };
        var delete = new Command("delete", "Delete a secret; services using it restart without it.") { deleted };
        binder.Bind(delete, async (session, cancellationToken) =>
        {
            await session.Client.DeleteSecretAsync(session.ProjectId, session.Value(deleted), cancellationToken).ConfigureAwait(false);
            session.Print.Done($"Deleted secret {session.Value(deleted)}.", new { deleted = session.Value(deleted) });
        });
        command.Add(Examples.Set(delete, "faas secrets delete OPENAI_KEY"));
        return Examples.Set(command, "printf '%s' \"$KEY\" | faas secrets set OPENAI_KEY", "faas secrets list");
    }
}
