using System.IO.Compression;
using System.Text.Json;
using Faas.Serverless.Cli.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Cli.Tests;

/// <summary>Commands against the real host in-process on Azurite, with no replicas running: work stays queued.</summary>
[Collection("Azurite")]
public sealed class CommandTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private HostFactory _host = null!;
    private CliRunner _cli = null!;

    public async Task InitializeAsync()
    {
        _host = new HostFactory(azurite);
        _cli = new CliRunner(_host);
        await _cli.LoginWithProjectAsync();
    }

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task PackagesPush_FaasIgnore_LeavesIgnoredFilesOutOfTheZip()
    {
        var folder = Directory.CreateTempSubdirectory("faas-cli-package-").FullName;
        File.WriteAllText(Path.Combine(folder, "faas.json"), """{"name": "ignored"}""");
        Directory.CreateDirectory(Path.Combine(folder, "src", "data"));
        Directory.CreateDirectory(Path.Combine(folder, "src", "lib", "__pycache__"));
        File.WriteAllText(Path.Combine(folder, "src", "main.py"), "import faas\n\n\nclass ServiceRunner(faas.BaseServiceRunner):\n    def run(self):\n        return 1\n");
        File.WriteAllText(Path.Combine(folder, "src", "lib", "util.py"), "X = 1\n");
        File.WriteAllText(Path.Combine(folder, "src", "lib", "__pycache__", "util.cpython-311.pyc"), "bytecode");
        File.WriteAllText(Path.Combine(folder, "src", "notes.txt"), "private notes");
        File.WriteAllText(Path.Combine(folder, "src", "keep.txt"), "kept by a negation");
        File.WriteAllText(Path.Combine(folder, "src", "data", "big.bin"), "large data");
        File.WriteAllText(Path.Combine(folder, ".faasignore"), "# test data and notes stay home\ndata/\n*.txt\n!keep.txt\n");

        CliRunner.Ok(await _cli.RunAsync("packages", "push", folder));
        var zipPath = Path.Combine(folder, "downloaded.zip");
        CliRunner.Ok(await _cli.RunAsync("packages", "download", "ignored", "--file", zipPath));

        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["keep.txt", "lib/util.py", "main.py"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PackagesPush_SameFolderTwice_SecondPushSaysUnchanged()
    {
        CliRunner.Ok(await _cli.RunAsync("packages", "push", Repository.Path("samples", "hello-world")));

        var again = CliRunner.Ok(await _cli.RunAsync("packages", "push", Repository.Path("samples", "hello-world"), "-o", "json"));

        Assert.False(CliRunner.Json(again).GetProperty("created").GetBoolean());
        var revisions = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("packages", "revisions", "hello-world", "-o", "json")));
        Assert.Equal(1, revisions.GetArrayLength());
    }

    [Theory]
    [InlineData("packages", "list")]
    [InlineData("services", "list")]
    [InlineData("projects", "list")]
    [InlineData("executions", "list")]
    [InlineData("triggers", "list")]
    [InlineData("secrets", "list")]
    [InlineData("members", "list")]
    [InlineData("packages", "get", "hello-world")]
    [InlineData("services", "get", "hello")]
    [InlineData("services", "status", "hello")]
    [InlineData("services", "versions", "hello")]
    public async Task OutputJson_AnyReadCommand_PrintsValidJsonWithTheApiFieldNames(params string[] command)
    {
        await DeployHelloAsync();

        var result = CliRunner.Ok(await _cli.RunAsync([.. command, "--output", "json"]));

        using var json = JsonDocument.Parse(result.Out);
        Assert.Empty(result.Console);
        if (json.RootElement.ValueKind == JsonValueKind.Object)
        {
            Assert.All(json.RootElement.EnumerateObject(), p => Assert.True(char.IsLower(p.Name[0]), p.Name));
        }
    }

    [Fact]
    public async Task PackagesGet_UnknownPackage_ExitsOneWithA404OnOneLine()
    {
        var result = await _cli.RunAsync("packages", "get", "01a1fd8889527408a620956dbe1dd847");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("error: 404 Not found: Package '01a1fd8889527408a620956dbe1dd847' was not found.", line.TrimEnd());
    }

    [Fact]
    public async Task ServicesDeploy_InvalidConcurrency_ExitsOneNamingTheFieldOnOneLine()
    {
        CliRunner.Ok(await _cli.RunAsync("packages", "push", Repository.Path("samples", "hello-world")));

        var result = await _cli.RunAsync("services", "deploy", "bad", "--package", "hello-world", "--concurrency", "0");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: 400 The request is invalid", line, StringComparison.Ordinal);
        Assert.Contains("runtime.concurrency: runtime.concurrency must be between 1 and 1000; got 0.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServicesUpdate_StaleIfMatch_ExitsOneWith412AndChangesNothing()
    {
        await DeployHelloAsync();
        var before = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("services", "get", "hello", "-o", "json")));
        var shown = CliRunner.Ok(await _cli.RunAsync("services", "get", "hello"));
        var staleTag = shown.Console.Split('\n').Single(l => l.StartsWith("ETag", StringComparison.Ordinal))["ETag".Length..].Trim();
        CliRunner.Ok(await _cli.RunAsync("services", "update", "hello", "--replicas", "2"));

        var result = await _cli.RunAsync("services", "update", "hello", "--replicas", "3", "--if-match", staleTag);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: 412 Precondition failed", result.Error, StringComparison.Ordinal);
        var now = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("services", "get", "hello", "-o", "json")));
        Assert.Equal(2, now.GetProperty("runtime").GetProperty("replicas").GetInt32());
        Assert.Equal(before.GetProperty("version").GetInt32() + 1, now.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task ServicesLifecycle_PauseResumeRollback_ChangeTheService()
    {
        await DeployHelloAsync();
        CliRunner.Ok(await _cli.RunAsync("services", "update", "hello", "--replicas", "2"));

        Assert.False(CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("services", "pause", "hello", "-o", "json"))).GetProperty("active").GetBoolean());
        Assert.True(CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("services", "resume", "hello", "-o", "json"))).GetProperty("active").GetBoolean());
        var rolledBack = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("services", "rollback", "hello", "--version", "1", "-o", "json")));

        Assert.Equal(3, rolledBack.GetProperty("version").GetInt32());
        Assert.Equal(1, rolledBack.GetProperty("runtime").GetProperty("replicas").GetInt32());
        Assert.True(CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("services", "delete", "hello", "-o", "json"))).GetProperty("deleting").GetBoolean());
    }

    [Fact]
    public async Task RunThenTerminate_QueuedExecution_EndsTerminated()
    {
        await DeployHelloAsync();
        var started = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("run", "hello", "run", "-i", "name=123", "-o", "json")));
        var id = started.GetProperty("id").GetString()!;

        Assert.Equal("123", started.GetProperty("input").GetProperty("name").GetString());
        CliRunner.Ok(await _cli.RunAsync("executions", "terminate", id));
        var waited = await _cli.RunAsync("executions", "wait", id, "--timeout", "30");

        Assert.Equal(1, waited.ExitCode);
        Assert.Contains("ended terminated", waited.Error, StringComparison.Ordinal);
    }

    private async Task DeployHelloAsync()
    {
        CliRunner.Ok(await _cli.RunAsync("packages", "push", Repository.Path("samples", "hello-world")));
        CliRunner.Ok(await _cli.RunAsync("services", "deploy", "hello", "--package", "hello-world"));
    }
}
