using Faas.Serverless.Cli.Hosting;
using Spectre.Console.Testing;

namespace Faas.Serverless.Cli.Tests.Infrastructure;

/// <summary>What one command printed and how it exited.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Console">What went to the console: tables, messages, progress.</param>
/// <param name="Out">Raw standard output: JSON, log lines.</param>
/// <param name="Error">Standard error: the one-line failure reason.</param>
public sealed record CliResult(int ExitCode, string Console, string Out, string Error)
{
    public string All => Console + Out;
}

/// <summary>
/// Runs <c>faas</c> commands in-process against the test host: its HTTP handler, a console that records output,
/// and a config folder of its own (<c>FAAS_CONFIG_DIR</c>).
/// </summary>
public sealed class CliRunner(HostFactory host) : IDisposable
{
    public string ConfigDir { get; } = Directory.CreateTempSubdirectory("faas-cli-config-").FullName;

    /// <summary>The host's address: Kestrel's when it listens on a port, else the in-memory server's.</summary>
    public Uri Url { get; } = host.CreateClient().BaseAddress!;

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

    public async Task<CliResult> RunWithInputAsync(string input, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 250;
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stdin = new StringReader(input);
        var io = new CliContext(
            console,
            output,
            error,
            stdin,
            url =>
            {
                var client = host.CreateDefaultClient(url);
                client.Timeout = TimeSpan.FromMinutes(3);
                return client;
            },
            name => name == "FAAS_CONFIG_DIR" ? ConfigDir : null);
        var code = await CliApp.RunAsync(args, io);
        return new CliResult(code, console.Output, output.ToString(), error.ToString());
    }

    /// <summary>Logs in with the admin key and makes an organization and a default project, all with CLI commands.</summary>
    public async Task<string> LoginWithProjectAsync()
    {
        Ok(await RunWithInputAsync(HostFactory.AdminKey, "login", "--url", Url.ToString(), "--api-key-stdin"));
        var organization = Json(Ok(await RunAsync("orgs", "create", "acme", "-o", "json"))).GetProperty("id").GetString()!;
        return Json(Ok(await RunAsync("projects", "create", "demo", "--org", organization, "--use", "-o", "json"))).GetProperty("id").GetString()!;
    }

    public static CliResult Ok(CliResult result)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}\n{result.All}");
        return result;
    }

    public static System.Text.Json.JsonElement Json(CliResult result) => System.Text.Json.JsonDocument.Parse(result.Out).RootElement;

    public void Dispose() => Directory.Delete(ConfigDir, recursive: true);
}
