using System.CommandLine;
using Faas.Serverless.Client;

namespace Faas.Serverless.Cli.Hosting;

/// <summary>
/// Gives commands their action: a <see cref="Session"/> to work with, and failures turned into one line on
/// standard error and a non-zero exit code, whatever threw.
/// </summary>
internal sealed class Binder(CliContext io, GlobalOptions options)
{
    public CliContext Io => io;

    public void Bind(Command command, Func<Session, CancellationToken, Task<int>> run) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = new Session(io, parse, options);
            try
            {
                return await run(session, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                await io.Error.WriteLineAsync("error: " + OneLine(Reason(e))).ConfigureAwait(false);
                return e is OperationCanceledException ? 130 : 1;
            }
        });

    public void Bind(Command command, Func<Session, CancellationToken, Task> run) =>
        Bind(command, async (session, cancellationToken) =>
        {
            await run(session, cancellationToken).ConfigureAwait(false);
            return 0;
        });

    private static string Reason(Exception e) => e switch
    {
        FaasApiException api => api.Message,
        CliException cli => cli.Message,
        TimeoutException timeout => timeout.Message,
        OperationCanceledException => "cancelled.",
        HttpRequestException http => $"could not reach the host: {http.Message} (is it running? check 'faas login').",
        IOException or UnauthorizedAccessException => e.Message,
        System.Text.Json.JsonException json => $"not valid JSON: {json.Message}",
        // Anything else is a bug, but a user still gets one line and an exit code rather than a stack trace.
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
