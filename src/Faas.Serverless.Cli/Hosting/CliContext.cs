using Spectre.Console;

namespace Faas.Serverless.Cli.Hosting;

/// <summary>
/// Everything a command touches outside itself, so tests run commands in-process against a test host and read
/// what they printed.
/// </summary>
/// <param name="Console">Tables, progress bars and messages.</param>
/// <param name="Out">Raw output: JSON and downloaded bytes' names, never wrapped.</param>
/// <param name="Error">The one-line failure reasons.</param>
/// <param name="Input">Standard input: secret values and API keys.</param>
/// <param name="CreateHttpClient">Makes the HTTP client for a host URL.</param>
/// <param name="Environment">Reads an environment variable.</param>
public sealed record CliContext(
    IAnsiConsole Console,
    TextWriter Out,
    TextWriter Error,
    TextReader Input,
    Func<Uri, HttpClient> CreateHttpClient,
    Func<string, string?> Environment)
{
    /// <summary>The real terminal, network and environment.</summary>
    public static CliContext FromProcess() => new(
        AnsiConsole.Console,
        System.Console.Out,
        System.Console.Error,
        System.Console.In,
        url => new HttpClient { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan },
        System.Environment.GetEnvironmentVariable);
}
