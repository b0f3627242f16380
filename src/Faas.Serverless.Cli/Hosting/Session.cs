using System.CommandLine;
using Faas.Serverless.Cli.Config;
using Faas.Serverless.Cli.Output;
using Faas.Serverless.Client;

namespace Faas.Serverless.Cli.Hosting;

/// <summary>One command's run: its parsed options, the saved config (overridable from the environment), a client and the printer.</summary>
internal sealed class Session(CliContext io, ParseResult parse, GlobalOptions options) : IDisposable
{
    private FaasClient? _client;
    private HttpClient? _http;

    public CliContext Io { get; } = io;

    public ParseResult Parse { get; } = parse;

    public ConfigStore Store { get; } = new(io.Environment);

    public Printer Print { get; } = new(io, options.FormatOf(parse));

    public CliConfig Config => field ??= Store.Load();

    /// <summary>A client on the saved host and key; <c>FAAS_URL</c> and <c>FAAS_API_KEY</c> win over them.</summary>
    public FaasClient Client => _client ??= Connect(
        Io.Environment("FAAS_URL") ?? Config.Url,
        Io.Environment("FAAS_API_KEY") ?? Config.ApiKey);

    public string ProjectId =>
        Parse.GetValue(options.Project)
        ?? Io.Environment("FAAS_PROJECT")
        ?? Config.Project
        ?? throw new CliException("No project chosen: pass --project ID, set FAAS_PROJECT, or run 'faas projects use ID'.");

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    public FaasClient Connect(string? url, string? apiKey)
    {
        if (url is null || apiKey is null)
        {
            throw new CliException("Not logged in: run 'faas login --url URL --api-key KEY' (or set FAAS_URL and FAAS_API_KEY).");
        }

        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            throw new CliException($"'{url}' is not an http(s) URL.");
        }

        _client?.Dispose();
        _http?.Dispose();
        _http = Io.CreateHttpClient(baseUrl);
        return _client = new FaasClient(_http, apiKey);
    }

    public void Dispose()
    {
        _client?.Dispose();
        _http?.Dispose();
    }
}
