using System.Net;
using Faas.Serverless.Client.Models;
using Faas.Serverless.Client.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Client.Tests;

/// <summary>The SDK against the real host in-process, with no replicas running: work stays queued.</summary>
[Collection("Azurite")]
public sealed class ClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private HostFactory _host = null!;
    private Tenant _tenant = null!;

    private FaasClient Client => _tenant.Client;

    private string Project => _tenant.ProjectId;

    public async Task InitializeAsync()
    {
        _host = new HostFactory(azurite);
        _tenant = await Tenant.CreateAsync(_host);
    }

    public async Task DisposeAsync()
    {
        _tenant.Client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task ListPackagesAsync_SeveralPages_YieldsEveryPackageOnceInOrder()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var zip = Packages.Zip();
            ids.Add((await Client.PushPackageAsync(Project, Packages.Schema($"pkg-{i}"), zip)).Package.Id);
        }

        using var counter = new RequestCounter();
        using var client = new FaasClient(_host.CreateDefaultClient(new Uri("http://localhost/"), counter), _tenant.Key);

        var listed = (await client.ListPackagesAsync(Project, pageSize: 2).CollectAsync()).Select(p => p.Id);

        Assert.Equal(ids, listed);
        Assert.Equal(3, counter.Requests);
    }

    [Fact]
    public async Task PushPackageAsync_SameContentTwice_AnswersTheLatestRevisionUnchanged()
    {
        using (var first = Packages.Zip())
        {
            await Client.PushPackageAsync(Project, Packages.Schema("twice"), first);
        }

        using var second = Packages.Zip();
        var again = await Client.PushPackageAsync(Project, Packages.Schema("twice"), second);

        Assert.False(again.Created);
        Assert.Equal(1, again.Package.Revision);
        Assert.Single(await Client.ListPackageRevisionsAsync(Project, again.Package.Id).CollectAsync());
        Assert.Equal("twice", (await Client.GetPackageAsync(Project, again.Package.Id, revision: 1)).Name);
    }

    [Fact]
    public async Task DeployServiceAsync_InvalidFields_ThrowsFaasApiExceptionWithFieldErrors()
    {
        using var zip = Packages.Zip();
        await Client.PushPackageAsync(Project, Packages.Schema("bad"), zip);

        var error = await Assert.ThrowsAsync<FaasApiException>(() => Client.DeployServiceAsync(
            Project, new DeployServiceRequest("bad", PackageName: "bad", Runtime: new ServiceRuntime(Concurrency: 0), MaxAttempts: 0)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("The request is invalid", error.Title);
        Assert.NotNull(error.TraceId);
        Assert.Contains("runtime.concurrency", error.Errors.Keys);
        Assert.Contains("between 1 and 100", Assert.Single(error.Errors["maxAttempts"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetProjectAsync_UnknownProject_ThrowsNotFoundWithDetail()
    {
        var error = await Assert.ThrowsAsync<FaasApiException>(() => Client.GetProjectAsync("01a1fd886d9074cbb5ae21ab9617053f"));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Contains("01a1fd886d9074cbb5ae21ab9617053f", error.Detail, StringComparison.Ordinal);
        Assert.Empty(error.Errors);
    }

    [Fact]
    public async Task WaitForExecutionAsync_Cancelled_StopsTheLongPollAtOnce()
    {
        var execution = await QueuedExecutionAsync();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.WaitForExecutionAsync(Project, execution.Id, TimeSpan.FromSeconds(60), cancellation.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"cancellation took {clock.Elapsed}");
    }

    [Fact]
    public async Task WaitForExecutionAsync_NotFinalInTime_ThrowsTimeoutException()
    {
        var execution = await QueuedExecutionAsync();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Client.WaitForExecutionAsync(Project, execution.Id, TimeSpan.FromSeconds(2)));

        Assert.Contains("still created", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListExecutionsAsync_CancelledWhileEnumerating_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in Client.ListExecutionsAsync(Project, cancellationToken: cancellation.Token))
            {
                Assert.Fail($"listed {item.Id} after cancellation");
            }
        });
    }

    [Fact]
    public async Task TerminateExecutionAsync_QueuedExecution_EndsTerminated()
    {
        var execution = await QueuedExecutionAsync();

        await Client.TerminateExecutionAsync(Project, execution.Id);
        var done = await Client.WaitForExecutionAsync(Project, execution.Id, TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionStatuses.Terminated, done.Status);
    }

    [Fact]
    public async Task Triggers_CreateListGetSendEventDelete_RoundTrip()
    {
        var service = await DeployAsync("evented");
        var created = await Client.CreateTriggerAsync(Project, new CreateTriggerRequest(
            "on-items", "Event", new TriggerSpec(new TriggerOperation(service.Id, "tag"), Resource: "Item", Actions: ["Created"], ExecutionMode: "Always")));

        Assert.Equal(created.Id, Assert.Single(await Client.ListTriggersAsync(Project).CollectAsync()).Id);
        Assert.Equal("on-items", (await Client.GetTriggerAsync(Project, created.Id)).Name);

        var data = System.Text.Json.JsonDocument.Parse("""{"id": "item-1", "name": "Ada"}""").RootElement;
        var sent = await Client.SendEventsAsync(Project, [new CloudEvent("ev-1", "/datasets/ds1", "Item.Created", data)]);
        var firing = Assert.Single(Assert.Single(sent.Events).Triggers);
        Assert.Equal(created.Id, firing.TriggerId);
        Assert.Equal("Started", firing.Outcome);
        Assert.Equal("item-1", (await Client.GetExecutionAsync(Project, firing.ExecutionId!)).Input!.Value.GetProperty("item").GetProperty("id").GetString());

        await Client.DeleteTriggerAsync(Project, created.Id);
        var gone = await Assert.ThrowsAsync<FaasApiException>(() => Client.GetTriggerAsync(Project, created.Id));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }

    [Fact]
    public async Task Services_PauseResumeDelete_ChangeActiveAndDeleting()
    {
        var service = await DeployAsync("lifecycle");

        Assert.False((await Client.PauseServiceAsync(Project, service.Id)).Active);
        Assert.True((await Client.ResumeServiceAsync(Project, service.Id)).Active);
        Assert.Equal(service.Id, Assert.Single(await Client.ListServicesAsync(Project).CollectAsync()).Id);
        Assert.True((await Client.DeleteServiceAsync(Project, service.Id)).Deleting);
    }

    private async Task<Service> DeployAsync(string name)
    {
        using var zip = Packages.Zip();
        await Client.PushPackageAsync(Project, Packages.Schema(name), zip);
        return await Client.DeployServiceAsync(Project, new DeployServiceRequest(name, PackageName: name));
    }

    private async Task<Execution> QueuedExecutionAsync()
    {
        var service = await DeployAsync("queued");
        return await Client.ExecuteAsync(Project, service.Id, "greet", new { name = "nobody runs this" });
    }
}
