using System.CommandLine;
using Faas.Serverless.Cli.Hosting;
using Faas.Serverless.Client.Models;
using Spectre.Console;

namespace Faas.Serverless.Cli.Commands;

/// <summary><c>faas run SERVICE FUNCTION --input name=value … [--wait]</c>.</summary>
internal static class RunCommand
{
    public static Command Create(Binder binder)
    {
        var service = new Argument<string>("service") { Description = "The service name or id." };
        var function = new Argument<string>("function") { Description = "The function to call." };
        var input = new Option<string[]>("--input", "-i") { Description = "An input as name=value (repeat it). String inputs stay text; others are JSON when they parse as JSON.", AllowMultipleArgumentsPerToken = false };
        var inputJson = new Option<string?>("--input-json") { Description = "All inputs as one JSON object; --input values are added to it." };
        var wait = new Option<bool>("--wait", "-w") { Description = "Follow it with a progress bar until it ends, then print its status log and output." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds --wait waits at most.", DefaultValueFactory = _ => 600 };
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "Repeating the request with the same key answers the same execution." };
        var command = new Command("run", "Run a function of a service as an execution.") { service, function, input, inputJson, wait, timeout, idempotencyKey };
        binder.Bind(command, async (session, cancellationToken) =>
        {
            var found = await Resolve.ServiceAsync(session, session.Value(service), cancellationToken).ConfigureAwait(false);
            var declared = await DeclaredInputsAsync(session, found, session.Value(function), cancellationToken).ConfigureAwait(false);
            var body = session.Value(inputJson) is { } json
                ? Inputs.Json(json, "--input-json") as System.Text.Json.Nodes.JsonObject ?? throw new CliException("--input-json must be a JSON object.")
                : [];
            foreach (var (name, value) in Inputs.Parse(session.Value(input) ?? [], declared))
            {
                body[name] = value?.DeepClone();
            }

            var started = await session.Client.ExecuteAsync(session.ProjectId, found.Id, session.Value(function), body, session.Value(idempotencyKey), cancellationToken).ConfigureAwait(false);
            if (!session.Value(wait))
            {
                session.Print.Item(started, ("Execution", started.Id), ("Status", started.Status), ("Function", started.FunctionName), ("Service", started.ServiceName));
                return 0;
            }

            if (!session.Print.IsJson)
            {
                session.Print.Console.WriteLine($"Execution {started.Id}");
            }

            var done = await ExecutionWatch.WaitAsync(session, started.Id, TimeSpan.FromSeconds(session.Value(timeout)), cancellationToken).ConfigureAwait(false);
            return ExecutionWatch.Report(session, done);
        });
        return Examples.Set(
            command,
            "faas run hello run --input name=Ada --wait",
            "faas run hello echo --input-json '{\"payload\": {\"a\": 1}}'",
            "faas run tagger tag --input item='{\"id\": \"item-1\"}' --wait -o json");
    }

    /// <summary>The function's declared inputs, so that a String input given as <c>123</c> stays text.</summary>
    private static async Task<IReadOnlyList<FunctionIo>?> DeclaredInputsAsync(Session session, Service service, string function, CancellationToken cancellationToken)
    {
        var package = await session.Client.GetPackageAsync(session.ProjectId, service.PackageId, service.PackageRevision, cancellationToken).ConfigureAwait(false);
        return package.Modules.FirstOrDefault(m => m.Name == service.ModuleName)?.Functions.FirstOrDefault(f => f.Name == function)?.Input;
    }
}
