using System.CommandLine;
using Faas.Serverless.Cli.Config;
using Faas.Serverless.Cli.Hosting;

namespace Faas.Serverless.Cli.Commands;

/// <summary><c>faas login</c>: checks a host URL and API key and saves them (mode 0600).</summary>
internal static class LoginCommand
{
    public static Command Create(Binder binder)
    {
        var url = new Option<string>("--url") { Description = "The host, such as http://127.0.0.1:7071.", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
        var apiKey = new Option<string?>("--api-key") { Description = "The API key. Prefer --api-key-stdin: a key on the command line lands in shell history." };
        var fromStdin = new Option<bool>("--api-key-stdin") { Description = "Read the API key from standard input." };
        var project = new Option<string?>("--default-project") { Description = "A project id to use when --project is not given." };
        var command = new Command("login", "Check a host URL and API key, and save them in the config file (readable by you only).") { url, apiKey, fromStdin, project };
        binder.Bind(command, async (session, cancellationToken) =>
        {
            var key = session.Value(fromStdin) ? (await session.Io.Input.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).Trim() : session.Value(apiKey);
            if (string.IsNullOrEmpty(key))
            {
                throw new CliException("An API key is required: pass --api-key KEY or --api-key-stdin.");
            }

            var host = session.Value(url);
            var me = await session.Connect(host, key).GetMeAsync(cancellationToken).ConfigureAwait(false);
            var saved = new CliConfig(host, key, session.Value(project) ?? session.Config.Project);
            session.Store.Save(saved);
            var who = me.IsAdmin ? "the platform admin" : $"{me.User?.Name} ({me.Id})";
            session.Print.Done($"Logged in to {host} as {who}; saved to {session.Store.FilePath}.", new { url = host, me, config = session.Store.FilePath, project = saved.Project });
        });
        return Examples.Set(
            command,
            "faas login --url http://127.0.0.1:7071 --api-key-stdin < .data/admin.key",
            "FAAS_CONFIG_DIR=/tmp/faas faas login --api-key faas_0123…");
    }
}
