using Faas.Serverless.Cli.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Cli.Tests;

/// <summary>Triggers and events, help with examples, and shell completion.</summary>
[Collection("Azurite")]
public sealed class TriggerAndHelpTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private HostFactory _host = null!;
    private CliRunner _cli = null!;

    public async Task InitializeAsync()
    {
        _host = new HostFactory(azurite);
        _cli = new CliRunner(_host);
        await _cli.LoginWithProjectAsync();
        CliRunner.Ok(await _cli.RunAsync("packages", "push", Repository.Path("samples", "hello-world")));
        CliRunner.Ok(await _cli.RunAsync("services", "deploy", "hello", "--package", "hello-world"));
    }

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task TriggersCreate_Cron_ShowsTheNextFiveFireTimes()
    {
        var created = CliRunner.Ok(await _cli.RunAsync("triggers", "create", "nightly", "--service", "hello", "--function", "run", "--cron", "0 5 * * *", "--input", "name=Ada"));

        Assert.Contains("Next fire times", created.Console, StringComparison.Ordinal);
        var shown = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("triggers", "get", "nightly", "-o", "json")));
        var times = shown.GetProperty("nextFireTimes").EnumerateArray().Select(t => t.GetDateTimeOffset()).ToList();
        Assert.Equal(5, times.Count);
        Assert.All(times, t => Assert.Equal(5, t.UtcDateTime.Hour));
        Assert.Equal("Ada", shown.GetProperty("spec").GetProperty("input").GetProperty("name").GetString());
        Assert.Contains("cron 0 5 * * *", CliRunner.Ok(await _cli.RunAsync("triggers", "list")).Console, StringComparison.Ordinal);
        CliRunner.Ok(await _cli.RunAsync("triggers", "delete", "nightly"));
        Assert.Empty(CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("triggers", "list", "-o", "json"))).EnumerateArray());
    }

    [Fact]
    public async Task EventsSend_MatchingEventTrigger_StartsAnExecutionWithTheResource()
    {
        CliRunner.Ok(await _cli.RunAsync("packages", "push", Repository.Path("samples", "image-tagger")));
        CliRunner.Ok(await _cli.RunAsync("services", "deploy", "tagger", "--package", "image-tagger", "--init", "model_name=tiny", "--init", "threshold=0.5"));
        CliRunner.Ok(await _cli.RunAsync("triggers", "create", "on-items", "--service", "tagger", "--function", "tag", "--resource", "Item", "--action", "Created", "--mode", "Always"));

        var sent = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("events", "send", "--type", "Item.Created", "--source", "/datasets/ds1", "--data", """{"id": "item-1"}""", "-o", "json")));

        var firing = Assert.Single(Assert.Single(sent.GetProperty("events").EnumerateArray()).GetProperty("triggers").EnumerateArray());
        Assert.Equal("Started", firing.GetProperty("outcome").GetString());
        var execution = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("executions", "get", firing.GetProperty("executionId").GetString()!, "-o", "json")));
        Assert.Equal("tag", execution.GetProperty("functionName").GetString());
        Assert.Equal("item-1", execution.GetProperty("input").GetProperty("item").GetProperty("id").GetString());
    }

    [Fact]
    public async Task TriggersCreate_NeitherCronNorResource_ExitsOneSayingWhichToGive()
    {
        var result = await _cli.RunAsync("triggers", "create", "vague", "--service", "hello", "--function", "run");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Give either --cron", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("packages", "push")]
    [InlineData("services", "deploy")]
    [InlineData("run")]
    [InlineData("executions", "logs")]
    [InlineData("triggers", "create")]
    [InlineData("secrets", "set")]
    public async Task Help_AnyCommand_EndsWithExamples(params string[] command)
    {
        var result = CliRunner.Ok(await _cli.RunAsync([.. command, "--help"]));

        var examples = result.Out[result.Out.IndexOf("Examples:", StringComparison.Ordinal)..];
        Assert.Contains("  faas " + string.Join(' ', command), examples, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuggestDirective_PartialCommand_CompletesIt()
    {
        var result = CliRunner.Ok(await _cli.RunAsync("[suggest:16]", "faas services de"));

        Assert.Equal(["delete", "deploy"], result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Completion_Bash_PrintsAScriptUsingTheSuggestDirective()
    {
        var result = CliRunner.Ok(await _cli.RunAsync("completion", "bash"));

        Assert.Contains("complete -o default -F _faas_complete faas", result.Out, StringComparison.Ordinal);
        Assert.Contains("[suggest:${COMP_POINT}]", result.Out, StringComparison.Ordinal);
    }
}
