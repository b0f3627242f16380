using System.Text.Json;
using Faas.Serverless.Cli.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Cli.Tests;

/// <summary>Login, the config file, keys and secrets.</summary>
[Collection("Azurite")]
public sealed class AccountTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private HostFactory _host = null!;
    private CliRunner _cli = null!;

    public Task InitializeAsync()
    {
        _host = new HostFactory(azurite);
        _cli = new CliRunner(_host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Login_ValidKey_SavesTheConfigReadableByItsOwnerOnly()
    {
        var result = CliRunner.Ok(await _cli.RunWithInputAsync(HostFactory.AdminKey + "\n", "login", "--url", _cli.Url.ToString(), "--api-key-stdin"));

        var file = Path.Combine(_cli.ConfigDir, "config.json");
        Assert.Contains("as the platform admin", result.Console, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var saved = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
        Assert.Equal(HostFactory.AdminKey, saved.GetProperty("apiKey").GetString());
        Assert.Equal(_cli.Url.ToString(), saved.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Login_UnknownKey_ExitsOneWith401AndSavesNothing()
    {
        var result = await _cli.RunAsync("login", "--url", _cli.Url.ToString(), "--api-key", "faas_" + new string('0', 64));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: 401 Authentication required", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_cli.ConfigDir, "config.json")));
    }

    [Fact]
    public async Task AnyCommand_NotLoggedIn_ExitsOneSayingHowToLogIn()
    {
        var result = await _cli.RunAsync("packages", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: Not logged in: run 'faas login --url URL --api-key KEY' (or set FAAS_URL and FAAS_API_KEY).", result.Error.TrimEnd());
    }

    [Fact]
    public async Task UsersAndKeys_CreateUserKeyAndLogInAsThem_TheyOwnTheirProject()
    {
        var project = await _cli.LoginWithProjectAsync();
        var organization = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("projects", "get", "-o", "json"))).GetProperty("organizationId").GetString()!;
        var user = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("users", "create", "--email", "ada@example.com", "--name", "Ada", "-o", "json"))).GetProperty("id").GetString()!;
        CliRunner.Ok(await _cli.RunAsync("orgs", "add-member", organization, user));
        CliRunner.Ok(await _cli.RunAsync("members", "set", user, "--role", "Developer"));
        var key = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("keys", "create", "laptop", "--user", user, "-o", "json"))).GetProperty("key").GetString()!;

        CliRunner.Ok(await _cli.RunWithInputAsync(key, "login", "--url", _cli.Url.ToString(), "--api-key-stdin"));

        var me = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("users", "me", "-o", "json")));
        Assert.Equal(user, me.GetProperty("id").GetString());
        var keys = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("keys", "list", "-o", "json")));
        Assert.Equal("laptop", Assert.Single(keys.EnumerateArray()).GetProperty("name").GetString());
        var members = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("members", "list", "-p", project, "-o", "json")));
        Assert.Equal("Developer", Assert.Single(members.EnumerateArray()).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Secrets_SetFromStdinListDelete_NeverPrintsTheValue()
    {
        await _cli.LoginWithProjectAsync();
        const string value = "sk-very-secret-value";

        var set = CliRunner.Ok(await _cli.RunWithInputAsync(value + "\n", "secrets", "set", "OPENAI_KEY"));
        var listed = CliRunner.Ok(await _cli.RunAsync("secrets", "list", "-o", "json"));
        var deleted = CliRunner.Ok(await _cli.RunAsync("secrets", "delete", "OPENAI_KEY"));

        Assert.DoesNotContain(value, set.All + listed.All + deleted.All, StringComparison.Ordinal);
        var secret = Assert.Single(CliRunner.Json(listed).EnumerateArray());
        Assert.Equal("OPENAI_KEY", secret.GetProperty("name").GetString());
        Assert.Equal(1, secret.GetProperty("version").GetInt32());
        Assert.Empty(CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("secrets", "list", "-o", "json"))).EnumerateArray());
    }

    [Fact]
    public async Task SecretsSet_EmptyStdin_ExitsOneWithoutCallingTheApi()
    {
        await _cli.LoginWithProjectAsync();

        var result = await _cli.RunAsync("secrets", "set", "OPENAI_KEY");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("standard input, which was empty", result.Error, StringComparison.Ordinal);
    }
}
