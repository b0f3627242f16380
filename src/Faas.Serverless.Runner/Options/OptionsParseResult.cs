namespace Faas.Serverless.Runner.Options;

/// <summary>Outcome of parsing the command line: options, a help request, or the problems found (all of them).</summary>
internal sealed record OptionsParseResult(RunnerOptions? Options, IReadOnlyList<string> Errors, bool HelpRequested)
{
    public bool IsValid => Options is not null && Errors.Count == 0;

    public static OptionsParseResult Help() => new(null, [], true);

    public static OptionsParseResult Failed(IReadOnlyList<string> errors) => new(null, errors, false);

    public static OptionsParseResult Succeeded(RunnerOptions options) => new(options, [], false);
}
