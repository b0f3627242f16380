using System.CommandLine;
using Faas.Serverless.Cli.Hosting;

namespace Faas.Serverless.Cli.Commands;

/// <summary><c>faas keys create|list|revoke</c>: your API keys, or (admin) anyone's.</summary>
internal static class KeyCommands
{
    public static Command Create(Binder binder)
    {
        var command = new Command("keys", "API keys: yours, or with --user (admin) anyone's.");
        var user = new Option<string?>("--user") { Description = "Whose keys; yourself when left out (the admin must name a user)." };

        var name = new Argument<string>("name") { Description = "A name for the key, such as laptop." };
        var create = new Command("create", "Issue an API key. The key is shown once: keep it.") { name, user };
        binder.Bind(create, async (session, cancellationToken) =>
        {
            var userId = await Resolve.MyUserIdAsync(session, session.Value(user), cancellationToken).ConfigureAwait(false);
            var key = await session.Client.CreateApiKeyAsync(userId, session.Value(name), cancellationToken).ConfigureAwait(false);
            session.Print.Item(key, ("ID", key.Id), ("User", key.UserId), ("Name", key.Name), ("Key", key.Key));
        });
        command.Add(Examples.Set(create, "faas keys create laptop", "faas keys create ci --user 01a1fd88… -o json"));

        var list = new Command("list", "List API keys (never their secrets).") { user };
        binder.Bind(list, async (session, cancellationToken) =>
        {
            var userId = await Resolve.MyUserIdAsync(session, session.Value(user), cancellationToken).ConfigureAwait(false);
            var items = await Resolve.AllAsync(session.Client.ListApiKeysAsync(userId, cancellationToken)).ConfigureAwait(false);
            session.Print.List(items, ("ID", k => k.Id), ("NAME", k => k.Name), ("CREATED", k => k.CreatedAt));
        });
        command.Add(Examples.Set(list, "faas keys list"));

        var keyId = new Argument<string>("key") { Description = "The key id (from 'faas keys list')." };
        var revoke = new Command("revoke", "Revoke an API key.") { keyId, user };
        binder.Bind(revoke, async (session, cancellationToken) =>
        {
            var userId = await Resolve.MyUserIdAsync(session, session.Value(user), cancellationToken).ConfigureAwait(false);
            await session.Client.RevokeApiKeyAsync(userId, session.Value(keyId), cancellationToken).ConfigureAwait(false);
            session.Print.Done($"Revoked key {session.Value(keyId)}.", new { revoked = session.Value(keyId) });
        });
        command.Add(Examples.Set(revoke, "faas keys revoke 01a1fd88…"));
        return Examples.Set(command, "faas keys create laptop", "faas keys list");
    }
}
