using System.CommandLine;
using System.CommandLine.Help;
using Faas.Serverless.Cli.Commands;

namespace Faas.Serverless.Cli.Hosting;

/// <summary>The <c>faas</c> command tree and its entry point.</summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/> and runs the command; answers the exit code (0 on success).</summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="io">The console, HTTP client and environment to use.</param>
    /// <param name="cancellationToken">Stops the command (Ctrl-C).</param>
    public static async Task<int> RunAsync(string[] args, CliContext io, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(io);
        var root = Build(io);
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    internal static RootCommand Build(CliContext io)
    {
        var options = new GlobalOptions();
        var binder = new Binder(io, options);
        var root = new RootCommand("faas: push packages, deploy services, run functions and follow them on a Faas.Serverless host.")
        {
            options.Output,
            options.Project,
            LoginCommand.Create(binder),
            OrganizationCommands.Create(binder),
            UserCommands.Create(binder),
            ProjectCommands.Create(binder),
            MemberCommands.Create(binder),
            KeyCommands.Create(binder),
            PackageCommands.Create(binder),
            ServiceCommands.Create(binder),
            RunCommand.Create(binder),
            ExecutionCommands.Create(binder),
            TriggerCommands.Create(binder),
            EventCommands.Create(binder),
            SecretCommands.Create(binder),
            CompletionCommand.Create(binder),
        };
        Examples.Set(
            root,
            "faas login --url http://127.0.0.1:7071 --api-key \"$(cat .data/admin.key)\"",
            "faas packages push samples/hello-world",
            "faas services deploy hello --package hello-world",
            "faas run hello run --input name=Ada --wait");
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new ExamplesHelpAction((HelpAction)help.Action!);
        return root;
    }
}
