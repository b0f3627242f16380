using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Crash;
using Faas.Serverless.Api.Tests.EndToEnd;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Api.Tests.Secrets;

/// <summary>
/// Issue 16: a project secret reaches the workers of the services that name it, and nothing else: not another service
/// of the project, not another project, not an API response, the host log, storage or an unmasked execution log.
/// </summary>
[Collection("Azurite")]
public sealed class SecretsEndToEndTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string SecretName = "API_TOKEN";
    private static readonly string[] Names = [SecretName];
    private readonly LogCapture _logs = new();
    private readonly ConcurrentQueue<string> _responses = new();
    private readonly string _kek = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private EndToEndFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = new EndToEndFactory(azurite, new Dictionary<string, string?>
        {
            // Everything the host logs, runner output included (the supervisor logs each runner line at Debug).
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Faas.Serverless"] = "Debug",
            ["Faas:Secrets:KeyEncryptionKey"] = _kek,
        });
        _factory.Api.Services.GetRequiredService<ILoggerFactory>().AddProvider(_logs);
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _logs.Dispose();
    }

    [Fact]
    public async Task Secret_NamedByOneService_OnlyItsWorkersReadItAndNothingElseHoldsIt()
    {
        var ours = SecretPackage.NewValue("ours");
        var theirs = SecretPackage.NewValue("theirs");
        var updated = SecretPackage.NewValue("updated");
        var (project, e2e) = await ProjectAsync();
        var (otherProject, other) = await ProjectAsync();
        await PutSecretAsync(e2e, project, ours, HttpStatusCode.Created);
        await PutSecretAsync(other, otherProject, theirs, HttpStatusCode.Created);
        var named = await e2e.DeployAsync(new { name = "named", packageName = SecretPackage.Name, secrets = Names });
        var unnamed = await e2e.DeployAsync(new { name = "unnamed", packageName = SecretPackage.Name });
        var foreign = await other.DeployAsync(new { name = "foreign", packageName = SecretPackage.Name, secrets = Names });
        await Task.WhenAll(e2e.WaitForStatusAsync(named, "Active"), e2e.WaitForStatusAsync(unnamed, "Active"), other.WaitForStatusAsync(foreign, "Active"));

        var read = await e2e.ExecuteAsync(named, "reveal", new { name = SecretName }, wait: true);
        var notNamed = await e2e.ExecuteAsync(unnamed, "reveal", new { name = SecretName }, wait: true);
        var otherProjects = await other.ExecuteAsync(foreign, "reveal", new { name = SecretName }, wait: true);
        var leaked = await e2e.ExecuteAsync(named, "leak", new { name = SecretName }, wait: true);
        var logs = await e2e.Client.GetFromJsonAsync<JsonElement>($"{e2e.Project}/executions/{read.GetProperty("id").GetString()}/logs");

        var output = read.GetProperty("output");
        Assert.True(output.GetProperty("present").GetBoolean(), read.ToString());
        Assert.Equal(SecretPackage.Sha256(ours), output.GetProperty("sha256").GetString());
        Assert.Equal("***", output.GetProperty("raw").GetString());
        Assert.Equal("***", output.GetProperty("nested")[0].GetProperty("again").GetString());
        Assert.False(notNamed.GetProperty("output").GetProperty("present").GetBoolean(), notNamed.ToString());
        Assert.Equal(SecretPackage.Sha256(theirs), otherProjects.GetProperty("output").GetProperty("sha256").GetString());
        Assert.Equal("failed", leaked.GetProperty("latestStatus").GetProperty("status").GetString());
        Assert.Contains("leaking ***", leaked.GetProperty("latestStatus").GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(logs.GetProperty("lines").EnumerateArray(), line => line.GetProperty("message").GetString() == "the secret is ***");

        // An update reaches the running service through the restart it causes.
        var change = await PutSecretAsync(e2e, project, updated, HttpStatusCode.OK);
        Assert.Equal(named, Assert.Single(change.GetProperty("restartedServices").EnumerateArray()).GetString());
        await Eventually.TrueAsync(
            async () => (await e2e.StatusAsync(named)) is var status && status.GetProperty("serviceVersion").GetInt32() == 2 && status.GetProperty("status").GetString() == "Active",
            TimeSpan.FromSeconds(90),
            "the service should restart as version 2");
        var afterUpdate = await e2e.ExecuteAsync(named, "reveal", new { name = SecretName }, wait: true);
        Assert.Equal(SecretPackage.Sha256(updated), afterUpdate.GetProperty("output").GetProperty("sha256").GetString());
        var events = await e2e.Client.GetFromJsonAsync<JsonElement>($"{e2e.Project}/services/{named}/events");
        var recorded = Assert.Single(events.GetProperty("items").EnumerateArray());
        Assert.Equal("SecretUpdated", recorded.GetProperty("type").GetString());
        Assert.Equal(SecretName, recorded.GetProperty("subject").GetString());
        Assert.Equal(2, recorded.GetProperty("serviceVersion").GetInt32());

        // Read everything once more through the API, then look for the values everywhere.
        await e2e.Client.GetStringAsync($"{e2e.Project}/secrets");
        await e2e.Client.GetStringAsync($"{e2e.Project}/secrets/{SecretName}");
        await e2e.Client.GetStringAsync($"{e2e.Project}/services/{named}");
        await e2e.Client.GetStringAsync($"{e2e.Project}/services/{named}/status");
        await e2e.Client.GetStringAsync($"{e2e.Project}/services/{named}/versions");
        await e2e.Client.GetStringAsync($"{e2e.Project}/executions/{leaked.GetProperty("id").GetString()}/logs");
        await e2e.Client.GetStringAsync($"{e2e.Project}/executions");
        string[] values = [ours, theirs, updated];
        Assert.DoesNotContain(_responses, body => values.Any(value => body.Contains(value, StringComparison.Ordinal)));
        Assert.DoesNotContain(_logs.Messages, message => values.Any(value => message.Contains(value, StringComparison.Ordinal)));
        Assert.Contains(_logs.Messages, message => message.Contains("on fd 2: ***", StringComparison.Ordinal));
        Assert.Empty(await StorageScan.FindAsync(azurite.Clients, [.. values, _kek]));
    }

    /// <summary>A new organization and project with a Developer whose every response is kept, and the package pushed.</summary>
    private async Task<(string ProjectId, E2E E2e)> ProjectAsync()
    {
        var tenant = await Tenant.CreateAsync(_factory.Api);
        var admin = _factory.Api.CreateAdminClient();
        var userId = await tenant.CreateUserAsync();
        await Tenant.PostAsync(admin, $"/api/v1/organizations/{tenant.OrganizationId}/members", new { userId, role = "Member" });
        await Tenant.PostAsync(admin, $"/api/v1/projects/{tenant.ProjectId}/members", new { userId, role = "Developer" }, expectCreated: false);
        var client = _factory.Api.CreateDefaultClient(new CapturingHandler(_responses));
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await tenant.IssueKeyAsync(userId));
        await SecretPackage.PushAsync(client, tenant.ProjectId);
        return (tenant.ProjectId, new E2E(_factory, tenant, client));
    }

    private static async Task<JsonElement> PutSecretAsync(E2E e2e, string projectId, string value, HttpStatusCode expected)
    {
        using var response = await e2e.Client.PutAsJsonAsync($"/api/v1/projects/{projectId}/secrets/{SecretName}", new { value });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
