using System.CommandLine;
using Faas.Serverless.Cli.Hosting;
using Faas.Serverless.Client.Models;
using Spectre.Console;

namespace Faas.Serverless.Cli.Commands;

/// <summary><c>faas executions list|get|logs|rerun|terminate|wait</c>.</summary>
internal static class ExecutionCommands
{
    public static Command Create(Binder binder)
    {
        var command = new Command("executions", "Executions: function calls with their status log, output and logs.");
        command.Add(List(binder));

        command.Add(One(binder, "get", "Show an execution: status log, input, output or error.", "faas executions get 01a1fd8a…", async (session, id, cancellationToken) =>
        {
            var execution = await session.Client.GetExecutionAsync(session.ProjectId, id, cancellationToken).ConfigureAwait(false);
            session.Print.Item(
                execution,
                ("ID", execution.Id),
                ("Status", execution.Status),
                ("Function", $"{execution.ServiceName}.{execution.FunctionName}"),
                ("Attempts", $"{execution.Attempts} of {execution.MaxAttempts}"),
                ("Progress", execution.LatestStatus?.PercentComplete),
                ("Input", execution.Input),
                ("Output", execution.Output),
                ("Error", execution.Error),
                ("Duration", execution.Duration is { } d ? $"{d:0.###} s" : null),
                ("Created", execution.CreatedAt));
            if (!session.Print.IsJson)
            {
                session.Print.Console.WriteLine();
                session.Print.List(execution.StatusLog, ("TIME", s => s.Timestamp), ("STATUS", s => s.Status), ("PROGRESS", s => s.PercentComplete), ("MESSAGE", s => s.Message));
            }

            return 0;
        }));

        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing lines as they are written until the execution ends." };
        var logs = One(binder, "logs", "Print an execution's log lines.", "faas executions logs 01a1fd8a… -f", async (session, id, cancellationToken) =>
        {
            if (session.Parse.GetValue(follow))
            {
                await foreach (var line in session.Client.StreamLogsAsync(session.ProjectId, id, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    LogPrinter.Write(session, line);
                }
            }
            else
            {
                await LogPrinter.WriteAllAsync(session, id, null, null, cancellationToken).ConfigureAwait(false);
            }

            return 0;
        });
        logs.Add(follow);
        command.Add(logs);

        var rerunWait = new Option<bool>("--wait", "-w") { Description = "Follow the new run until it ends." };
        var rerun = One(binder, "rerun", "Run a finished execution again (same id, new attempts).", "faas executions rerun 01a1fd8a… --wait", async (session, id, cancellationToken) =>
        {
            var execution = await session.Client.RerunExecutionAsync(session.ProjectId, id, cancellationToken).ConfigureAwait(false);
            if (session.Parse.GetValue(rerunWait))
            {
                return ExecutionWatch.Report(session, await ExecutionWatch.WaitAsync(session, id, TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false));
            }

            session.Print.Item(execution, ("ID", execution.Id), ("Status", execution.Status));
            return 0;
        });
        rerun.Add(rerunWait);
        command.Add(rerun);

        command.Add(One(binder, "terminate", "Stop an execution: at once when queued, within a lease renewal when running.", "faas executions terminate 01a1fd8a…", async (session, id, cancellationToken) =>
        {
            var execution = await session.Client.TerminateExecutionAsync(session.ProjectId, id, cancellationToken).ConfigureAwait(false);
            session.Print.Item(execution, ("ID", execution.Id), ("Status", execution.Status), ("To terminate", execution.ToTerminate));
            return 0;
        }));

        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait at most.", DefaultValueFactory = _ => 600 };
        var wait = One(binder, "wait", "Wait until an execution ends, with a progress bar; exits non-zero unless it succeeded.", "faas executions wait 01a1fd8a… --timeout 60", async (session, id, cancellationToken) =>
            ExecutionWatch.Report(session, await ExecutionWatch.WaitAsync(session, id, TimeSpan.FromSeconds(session.Parse.GetValue(timeout)), cancellationToken).ConfigureAwait(false)));
        wait.Add(timeout);
        command.Add(wait);
        return Examples.Set(command, "faas executions list --service hello", "faas executions logs 01a1fd8a… -f");
    }

    private static Command List(Binder binder)
    {
        var service = new Option<string?>("--service") { Description = "Only this service's executions (name or id)." };
        var status = new Option<string?>("--status") { Description = "Only executions in this status: created, in-progress, success, failed, terminated, aborted, system-failure." };
        var function = new Option<string?>("--function") { Description = "Only calls of this function." };
        var trigger = new Option<string?>("--trigger") { Description = "Only executions this trigger started (its id)." };
        var limit = new Option<int>("--limit") { Description = "How many to show, newest first.", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "List the project's executions, newest first.") { service, status, function, trigger, limit };
        binder.Bind(list, async (session, cancellationToken) =>
        {
            var serviceId = session.Value(service) is { } name ? (await Resolve.ServiceAsync(session, name, cancellationToken).ConfigureAwait(false)).Id : null;
            var filter = new ExecutionFilter(serviceId, session.Value(status), session.Value(function), session.Value(trigger), PageSize: Math.Clamp(session.Value(limit), 1, 500));
            var items = await Resolve.AllAsync(session.Client.ListExecutionsAsync(session.ProjectId, filter, cancellationToken), session.Value(limit)).ConfigureAwait(false);
            session.Print.List(items, ("ID", e => e.Id), ("SERVICE", e => e.ServiceName), ("FUNCTION", e => e.FunctionName), ("STATUS", e => e.Status), ("ATTEMPTS", e => e.Attempts), ("CREATED", e => e.CreatedAt));
        });
        return Examples.Set(list, "faas executions list", "faas executions list --service hello --status failed -o json");
    }

    /// <summary>A command taking one EXECUTION argument.</summary>
    private static Command One(Binder binder, string name, string description, string example, Func<Session, string, CancellationToken, Task<int>> run)
    {
        var execution = new Argument<string>("execution") { Description = "The execution id." };
        var command = new Command(name, description) { execution };
        binder.Bind(command, (session, cancellationToken) => run(session, session.Value(execution), cancellationToken));
        return Examples.Set(command, example);
    }
}
