using System.Text.Json;
using Faas.Serverless.Cli.Hosting;
using Faas.Serverless.Client.Models;
using Spectre.Console;

namespace Faas.Serverless.Cli.Commands;

/// <summary>Waits for an execution, with a live progress bar fed by its progress and status log, then prints the outcome.</summary>
internal static class ExecutionWatch
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(300);

    public static async Task<Execution> WaitAsync(Session session, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (session.Print.IsJson)
        {
            return await session.Client.WaitForExecutionAsync(session.ProjectId, executionId, timeout, cancellationToken).ConfigureAwait(false);
        }

        Execution? current = null;
        var deadline = DateTimeOffset.UtcNow + timeout;
        await session.Print.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var bar = progress.AddTask("created", maxValue: 100);
                while (true)
                {
                    current = await session.Client.GetExecutionAsync(session.ProjectId, executionId, cancellationToken).ConfigureAwait(false);
                    bar.Description = Markup.Escape(Describe(current));
                    bar.Value = current.Status == ExecutionStatuses.Success ? 100 : current.StatusLog.LastOrDefault(s => s.PercentComplete is not null)?.PercentComplete ?? 0;
                    if (current.IsFinal)
                    {
                        bar.StopTask();
                        return;
                    }

                    if (DateTimeOffset.UtcNow >= deadline)
                    {
                        throw new TimeoutException($"Execution '{executionId}' is still {current.Status} after {timeout.TotalSeconds:0} s; 'faas executions wait {executionId}' waits on.");
                    }

                    await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        return current!;
    }

    /// <summary>Prints the timeline and output (or the failure), and answers the exit code: 0 only for success.</summary>
    public static int Report(Session session, Execution execution)
    {
        if (session.Print.IsJson)
        {
            session.Print.Json(execution);
        }
        else
        {
            session.Print.List(execution.StatusLog, ("TIME", s => s.Timestamp), ("STATUS", s => s.Status), ("PROGRESS", s => s.PercentComplete), ("MESSAGE", s => s.Message));
            if (execution.Output is { } output)
            {
                session.Io.Out.WriteLine(JsonSerializer.Serialize(output, Config.CliJson.Options));
            }
        }

        if (execution.Status == ExecutionStatuses.Success)
        {
            return 0;
        }

        session.Io.Error.WriteLine($"error: execution {execution.Id} ended {execution.Status}{Reason(execution)}");
        return 1;
    }

    private static string Describe(Execution execution) =>
        execution.LatestStatus?.Message is { Length: > 0 } message ? $"{execution.Status}: {message}" : execution.Status;

    private static string Reason(Execution execution)
    {
        if (execution.Error is not { ValueKind: JsonValueKind.Object } error)
        {
            return ".";
        }

        var type = error.TryGetProperty("type", out var t) ? t.ToString() : null;
        var message = error.TryGetProperty("message", out var m) ? m.ToString() : error.GetRawText();
        return ": " + string.Join(": ", new[] { type, message }.Where(s => !string.IsNullOrEmpty(s))).ReplaceLineEndings(" ");
    }
}
