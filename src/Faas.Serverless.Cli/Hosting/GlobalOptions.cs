using System.CommandLine;
using Faas.Serverless.Cli.Output;

namespace Faas.Serverless.Cli.Hosting;

/// <summary>The options every command takes.</summary>
internal sealed class GlobalOptions
{
    public GlobalOptions() => Output.AcceptOnlyFromAmong("table", "json");

    public Option<string> Output { get; } = new("--output", "-o")
    {
        Description = "How results are printed: table (for people) or json (the API's field names, for scripts).",
        Recursive = true,
        DefaultValueFactory = _ => "table",
    };

    public OutputFormat FormatOf(System.CommandLine.ParseResult parse) =>
        parse.GetValue(Output) == "json" ? OutputFormat.Json : OutputFormat.Table;

    public Option<string?> Project { get; } = new("--project", "-p")
    {
        Description = "The project id; defaults to $FAAS_PROJECT, then to the one 'faas projects use' saved.",
        Recursive = true,
    };
}
