using Faas.Serverless.Client.Models;
using Faas.Serverless.Client.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Client.Tests;

/// <summary>The SDK against the real host running a real runner agent and real Python code.</summary>
[Collection("Azurite")]
public sealed class EndToEndTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private HostFactory _host = null!;
    private Tenant _tenant = null!;

    public async Task InitializeAsync()
    {
        _host = new HostFactory(azurite, runReplicas: true);
        _tenant = await Tenant.CreateAsync(_host);
    }

    public async Task DisposeAsync()
    {
        _tenant.Client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task PushDeployExecuteWait_PythonFunction_ReturnsOutputStatusLogAndLogs()
    {
        var client = _tenant.Client;
        var project = _tenant.ProjectId;
        using var zip = Packages.Zip();
        var pushed = await client.PushPackageAsync(project, Packages.Schema("greeter"), zip);
        Assert.True(pushed.Created);
        Assert.Equal(1, pushed.Package.Revision);

        var service = await client.DeployServiceAsync(project, new DeployServiceRequest("greeter", PackageName: "greeter"));
        Assert.Equal(pushed.Package.Id, service.PackageId);
        await WaitForActiveAsync(client, project, service.Id);

        var started = await client.ExecuteAsync(project, service.Id, "greet", new { name = "Ada" });
        Assert.False(started.IsFinal);
        var lines = new List<string>();
        await foreach (var line in client.FollowLogsAsync(project, started.Id, TimeSpan.FromMilliseconds(200)))
        {
            lines.Add(line.Message);
        }

        var done = await client.WaitForExecutionAsync(project, started.Id, TimeSpan.FromSeconds(60));

        Assert.Equal(ExecutionStatuses.Success, done.Status);
        Assert.Equal("Hello Ada", done.Output!.Value.GetProperty("greeting").GetString());
        Assert.Equal(ExecutionStatuses.Success, done.LatestStatus!.Status);
        Assert.Equal([ExecutionStatuses.Created, ExecutionStatuses.InProgress, ExecutionStatuses.Success], done.StatusLog.Select(s => s.Status).Distinct());
        Assert.Equal(["step 0 for Ada", "step 1 for Ada", "step 2 for Ada"], lines.Where(l => l.StartsWith("step", StringComparison.Ordinal)));

        var streamed = new List<string>();
        await foreach (var line in client.StreamLogsAsync(project, started.Id))
        {
            streamed.Add(line.Message);
        }

        Assert.Equal(lines, streamed);
        var listed = await client.ListExecutionsAsync(project, new ExecutionFilter(ServiceId: service.Id, Status: ExecutionStatuses.Success)).CollectAsync();
        Assert.Equal(started.Id, Assert.Single(listed).Id);
    }

    private static async Task WaitForActiveAsync(FaasClient client, string project, string serviceId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        ServiceStatus status;
        while ((status = await client.GetServiceStatusAsync(project, serviceId)).Status != "Active")
        {
            Assert.True(DateTime.UtcNow < deadline, $"Service {serviceId} is still {status.Status}: {status.Note} {status.Error}");
            await Task.Delay(200);
        }
    }
}
