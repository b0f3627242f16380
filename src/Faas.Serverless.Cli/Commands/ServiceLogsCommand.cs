using System.CommandLine;
using Faas.Serverless.Cli.Hosting;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Cli.Commands;

/// <summary>
/// <c>faas services logs SERVICE [-f]</c>: the log lines of a service's latest executions, each line tagged with its
/// execution; with <c>-f</c>, new executions' lines too, until Ctrl-C. The API has no per-service log stream, so
/// this reads the service's execution listing and each execution's log from its cursor.
/// </summary>
internal static class ServiceLogsCommand
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static Command Create(Binder binder)
    {
        var service = new Argument<string>("service") { Description = "The service name or id." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing lines of running and new executions until Ctrl-C." };
        var last = new Option<int>("--last") { Description = "How many of the latest executions to show.", DefaultValueFactory = _ => 10 };
        var command = new Command("logs", "Print the log lines of a service's latest executions.") { service, follow, last };
        binder.Bind(command, async (session, cancellationToken) =>
        {
            var found = await Resolve.ServiceAsync(session, session.Value(service), cancellationToken).ConfigureAwait(false);
            var cursors = new Dictionary<string, string?>();
            var finished = new HashSet<string>();
            var filter = new ExecutionFilter(ServiceId: found.Id);
            var latest = await Resolve.AllAsync(session.Client.ListExecutionsAsync(session.ProjectId, filter, cancellationToken), session.Value(last)).ConfigureAwait(false);
            do
            {
                // Listings are newest first; lines are printed oldest execution first.
                foreach (var execution in Enumerable.Reverse(latest).Where(e => !finished.Contains(e.Id)))
                {
                    cursors[execution.Id] = await LogPrinter.WriteAllAsync(session, execution.Id, cursors.GetValueOrDefault(execution.Id), execution.Id, cancellationToken).ConfigureAwait(false);
                    if (ExecutionStatuses.IsFinal(execution.Status))
                    {
                        finished.Add(execution.Id);
                    }
                }

                if (!session.Value(follow))
                {
                    return;
                }

                await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
                latest = await Resolve.AllAsync(session.Client.ListExecutionsAsync(session.ProjectId, filter, cancellationToken), session.Value(last)).ConfigureAwait(false);
            }
            while (true);
        });
        return Examples.Set(command, "faas services logs hello", "faas services logs hello -f", "faas services logs hello --last 1 -o json");
    }
}
