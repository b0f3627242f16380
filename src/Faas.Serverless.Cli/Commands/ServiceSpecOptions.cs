using System.CommandLine;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Cli.Commands;

/// <summary>The spec options <c>deploy</c> and <c>update</c> share; what is not given is left to the API (deploy) or unchanged (update).</summary>
internal sealed class ServiceSpecOptions
{
    private readonly Option<string?> _revision = new("--revision", "-r") { Description = "The package revision to pin: a number, or latest." };
    private readonly Option<string?> _module = new("--module") { Description = "The module to run; default_module or the only one when left out." };
    private readonly Option<string[]> _init = new("--init") { Description = "An init parameter as name=value (repeat it); values are JSON when they parse as JSON.", AllowMultipleArgumentsPerToken = false };
    private readonly Option<int?> _replicas = new("--replicas") { Description = "Replicas to run (0-100)." };
    private readonly Option<int?> _concurrency = new("--concurrency") { Description = "Calls each replica runs at once (1-1000)." };
    private readonly Option<int?> _maxAttempts = new("--max-attempts") { Description = "Attempts an execution gets (1-100)." };
    private readonly Option<int?> _timeout = new("--execution-timeout") { Description = "Seconds a call may run." };
    private readonly Option<int?> _drainTime = new("--drain-time") { Description = "Seconds a stopping replica gets to finish." };
    private readonly Option<string?> _onReset = new("--on-reset") { Description = "Failed or Rerun." };
    private readonly Option<string?> _bot = new("--bot") { Description = "The id of a bot to run as; a new bot when left out on deploy." };
    private readonly Option<string[]> _secrets = new("--secret") { Description = "A project secret the workers get as an environment variable (repeat it).", AllowMultipleArgumentsPerToken = false };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _revision, _module, _init, _replicas, _concurrency, _maxAttempts, _timeout, _drainTime, _onReset, _bot, _secrets })
        {
            command.Add(option);
        }
    }

    public DeployServiceRequest Deploy(ParseResult parse, string name, string package) => new(
        name,
        PackageName: package,
        PackageRevision: parse.GetValue(_revision),
        ModuleName: parse.GetValue(_module),
        InitParams: InitParams(parse),
        Runtime: Runtime(parse),
        MaxAttempts: parse.GetValue(_maxAttempts),
        ExecutionTimeout: parse.GetValue(_timeout),
        DrainTime: parse.GetValue(_drainTime),
        OnReset: parse.GetValue(_onReset),
        Bot: parse.GetValue(_bot),
        Secrets: Secrets(parse));

    public UpdateServiceRequest Update(ParseResult parse, bool removeAutoscaler) => new(
        PackageRevision: parse.GetValue(_revision),
        ModuleName: parse.GetValue(_module),
        InitParams: InitParams(parse),
        Runtime: Runtime(parse),
        MaxAttempts: parse.GetValue(_maxAttempts),
        ExecutionTimeout: parse.GetValue(_timeout),
        DrainTime: parse.GetValue(_drainTime),
        OnReset: parse.GetValue(_onReset),
        Bot: parse.GetValue(_bot),
        Secrets: Secrets(parse),
        RemoveAutoscaler: removeAutoscaler);

    private Dictionary<string, object?>? InitParams(ParseResult parse) =>
        parse.GetValue(_init) is { Length: > 0 } pairs
            ? Inputs.Parse(pairs, option: "--init").ToDictionary(p => p.Key, p => (object?)p.Value)
            : null;

    private ServiceRuntime? Runtime(ParseResult parse) =>
        parse.GetValue(_replicas) is null && parse.GetValue(_concurrency) is null
            ? null
            : new ServiceRuntime(Replicas: parse.GetValue(_replicas), Concurrency: parse.GetValue(_concurrency));

    private string[]? Secrets(ParseResult parse) => parse.GetValue(_secrets) is { Length: > 0 } names ? names : null;
}
