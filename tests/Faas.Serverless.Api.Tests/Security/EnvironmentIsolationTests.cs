using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.EndToEnd;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Security;

/// <summary>Attack 1 of issue 9: <c>dict(os.environ)</c> in a function returned the admin key the host was started with.</summary>
[Collection("Azurite")]
public sealed class EnvironmentIsolationTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] AllowedNames = ["PATH", "HOME", "TMPDIR", "PWD", "LANG", "LC_ALL", "LC_CTYPE", "TZ"];
    private static readonly string[] AllowedPrefixes = ["PYTHON", "FAAS_", "DOTNET_"];
    private readonly Dictionary<string, string?> _saved = [];
    private EndToEndFactory _factory = null!;

    public async Task InitializeAsync()
    {
        // What scripts/start.sh does: the host's own environment holds the admin key and the storage account key.
        foreach (var (name, value) in new[] { ("Faas__Auth__AdminKey", FaasApiFactory.AdminKey), ("AzureWebJobsStorage", azurite.ConnectionString) })
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        _factory = new EndToEndFactory(azurite);
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    [IsolatedFact]
    public async Task Environment_ReadByAFunction_HoldsNoHostVariableAndNoKey()
    {
        var attacker = await Attacker.CreateAsync(_factory);
        var serviceId = await attacker.DeployAsync("env", "env");

        var environ = (await attacker.CallAsync(serviceId, "environment")).GetProperty("environ").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty);

        output.WriteLine("environment of user code: " + string.Join(", ", environ.Keys.Order(StringComparer.Ordinal)));
        Assert.All(environ.Keys, name => Assert.True(
            name != "FAAS_RUNNER_TOKEN" && (AllowedNames.Contains(name) || AllowedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal))),
            $"{name} is not on the allow-list"));
        Assert.All(environ.Values, value =>
        {
            Assert.DoesNotContain(FaasApiFactory.AdminKey, value, StringComparison.Ordinal);
            Assert.DoesNotContain("AccountKey", value, StringComparison.Ordinal);
            Assert.DoesNotContain("faas_", value, StringComparison.Ordinal);
        });
        Assert.StartsWith(_factory.RunnerDir, environ["HOME"], StringComparison.Ordinal);
        foreach (var value in environ.Values.Distinct())
        {
            using var client = _factory.Api.CreateClient(value.Length > 0 ? value : "empty");
            using var me = await client.GetAsync("/api/v1/me");
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        }
    }

    [IsolatedFact]
    public async Task Health_HostRunningAsRootWithBubblewrap_ReportsBubblewrapAndUid()
    {
        var health = await _factory.Api.CreateClient().GetFromJsonAsync<JsonElement>("/api/health");

        Assert.Equal("bubblewrap+uid", health.GetProperty("isolation").GetString());
    }
}
