using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.EndToEnd;

[Collection("Azurite")]
public sealed class ExecutionEndToEndTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private EndToEndFactory _factory = null!;
    private E2E _e2e = null!;
    private string _serviceId = null!;

    public async Task InitializeAsync()
    {
        _factory = new EndToEndFactory(azurite);
        _e2e = await E2E.CreateAsync(_factory);
        await _e2e.PushAsync();
        _serviceId = await _e2e.DeployAsync(new { name = "runner", packageName = "e2e", initParams = new { greeting = "Hello" }, maxAttempts = 3, runtime = new { concurrency = 4 } });
        await _e2e.WaitForStatusAsync(_serviceId, "Active");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Execute_Sync_ReturnsOutputAndStatusLog()
    {
        var execution = await _e2e.ExecuteAsync(_serviceId, "greet", new { name = "Grace" }, wait: true);

        Assert.Equal("Hello Grace", execution.GetProperty("output").GetProperty("message").GetString());
        Assert.Equal(1, execution.GetProperty("attempts").GetInt32());
        Assert.Equal(["created", "in-progress", "success"], Statuses(execution).Distinct());
        var logs = await _e2e.Client.GetFromJsonAsync<JsonElement>($"{_e2e.Project}/executions/{execution.GetProperty("id").GetString()}/logs");
        Assert.Contains(logs.GetProperty("lines").EnumerateArray(), line => line.GetProperty("message").GetString()!.Contains("greeting Grace", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetOrchestration_RetriedExecution_ShowsTheCompletedInstanceWithItsActivitiesTimerAndEvents()
    {
        var created = await _e2e.ExecuteAsync(_serviceId, "flaky", new { key = "flaky-orchestration" });
        var id = created.GetProperty("id").GetString()!;
        await _e2e.WaitForFinishAsync(id);

        var view = default(JsonElement);
        await Eventually.TrueAsync(
            async () => (view = await _e2e.Client.GetFromJsonAsync<JsonElement>($"{_e2e.Project}/executions/{id}/orchestration")).GetProperty("runtimeStatus").GetString() == "Completed",
            because: "the orchestration completes right after its final commit");

        Assert.Equal(id, view.GetProperty("instanceId").GetString());
        Assert.Equal("Execution", view.GetProperty("name").GetString());
        Assert.Equal("\"success\"", view.GetProperty("customStatus").GetString());
        var history = view.GetProperty("history").EnumerateArray().Select(e => (Type: e.GetProperty("eventType").GetString(), Name: e.GetProperty("name").GetString())).ToList();
        Assert.Single(history, e => e.Type == "ExecutionStarted");
        Assert.Single(history, e => e.Type == "ExecutionCompleted");
        Assert.Contains(history, e => e is { Type: "EventRaised", Name: "events" });
        Assert.Contains(history, e => e.Type == "TimerFired");
        Assert.True(history.Count(e => e is { Type: "TaskScheduled", Name: "ApplyEvents" }) >= 3, "the failure, the retry timer and the success each apply a batch");
    }

    [Fact]
    public async Task GetOrchestration_UnknownExecution_NotFound()
    {
        using var response = await _e2e.Client.GetAsync(new Uri($"{_e2e.Project}/executions/nosuchexecution/orchestration", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Execute_Async_ReportsProgressInTheStatusLog()
    {
        var created = await _e2e.ExecuteAsync(_serviceId, "work", new { key = "progress", seconds = 0.2 });
        Assert.Equal("created", created.GetProperty("latestStatus").GetProperty("status").GetString());

        var finished = await _e2e.WaitForFinishAsync(created.GetProperty("id").GetString()!);

        var percents = finished.GetProperty("statusLog").EnumerateArray().Select(e => e.GetProperty("percentComplete")).Where(p => p.ValueKind == JsonValueKind.Number).Select(p => p.GetInt32()).ToList();
        Assert.Contains(10, percents);
        Assert.Contains(90, percents);
        Assert.Contains(finished.GetProperty("statusLog").EnumerateArray(), e => e.GetProperty("message").GetString() == "almost done");
    }

    [Fact]
    public async Task Execute_FailsOnceThenSucceeds_TwoAttempts()
    {
        var created = await _e2e.ExecuteAsync(_serviceId, "flaky", new { key = "flaky-1" });

        var finished = await _e2e.WaitForFinishAsync(created.GetProperty("id").GetString()!);

        Assert.Equal("success", finished.GetProperty("latestStatus").GetProperty("status").GetString());
        Assert.Equal(2, finished.GetProperty("attempts").GetInt32());
        Assert.Contains(finished.GetProperty("statusLog").EnumerateArray(), e => e.GetProperty("status").GetString() == "failed" && e.GetProperty("error").GetProperty("type").GetString() == "RuntimeError");
    }

    [Fact]
    public async Task Execute_AlwaysFailing_FailedAfterMaxAttempts()
    {
        var created = await _e2e.ExecuteAsync(_serviceId, "broken", new { key = "broken-1" });

        var finished = await _e2e.WaitForFinishAsync(created.GetProperty("id").GetString()!);

        Assert.Equal("failed", finished.GetProperty("latestStatus").GetProperty("status").GetString());
        Assert.Equal(3, finished.GetProperty("attempts").GetInt32());
        Assert.Equal(3, _e2e.Runs("broken-1"));
        Assert.Contains("always broken", finished.GetProperty("latestStatus").GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_LongerThanTimeout_FailsWithTimeoutError()
    {
        var serviceId = await _e2e.DeployAsync(new { name = "short", packageName = "e2e", initParams = new { greeting = "x" }, maxAttempts = 1, executionTimeout = 1 });
        await _e2e.WaitForStatusAsync(serviceId, "Active");

        var created = await _e2e.ExecuteAsync(serviceId, "work", new { key = "slow", seconds = 20 });
        var finished = await _e2e.WaitForFinishAsync(created.GetProperty("id").GetString()!, 30);

        Assert.Equal("failed", finished.GetProperty("latestStatus").GetProperty("status").GetString());
        Assert.Equal("TimeoutError", finished.GetProperty("latestStatus").GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Terminate_RunningExecution_EndsTerminated()
    {
        var created = await _e2e.ExecuteAsync(_serviceId, "work", new { key = "terminated", seconds = 30 });
        var id = created.GetProperty("id").GetString()!;
        await Eventually.TrueAsync(async () => (await GetAsync(id)).GetProperty("latestStatus").GetProperty("status").GetString() == "in-progress");

        using var terminate = await _e2e.Client.PostAsync($"{_e2e.Project}/executions/{id}/terminate", null);
        var finished = await _e2e.WaitForFinishAsync(id, 45);

        Assert.Equal(HttpStatusCode.OK, terminate.StatusCode);
        Assert.True(finished.GetProperty("toTerminate").GetBoolean());
        Assert.Equal("terminated", finished.GetProperty("latestStatus").GetProperty("status").GetString());
        Assert.Equal(0, _e2e.Runs("terminated"));
    }

    [Fact]
    public async Task Rerun_FinishedExecution_RunsAgainKeepingHistory()
    {
        var first = await _e2e.ExecuteAsync(_serviceId, "work", new { key = "rerun", seconds = 0.01 }, wait: true);
        var id = first.GetProperty("id").GetString()!;

        using var rerun = await _e2e.Client.PostAsync($"{_e2e.Project}/executions/{id}/rerun", null);
        var finished = await _e2e.WaitForFinishAsync(id);

        Assert.Equal(HttpStatusCode.OK, rerun.StatusCode);
        Assert.Equal(2, finished.GetProperty("output").GetProperty("runs").GetInt32());
        Assert.Equal(2, Statuses(finished).Count(s => s == "success"));
        Assert.Equal(2, _e2e.Runs("rerun"));
    }

    [Fact]
    public async Task Execute_SameIdempotencyKey_ReturnsTheSameExecution()
    {
        var first = await _e2e.ExecuteAsync(_serviceId, "work", new { key = "idempotent", seconds = 0.01 }, idempotencyKey: "order-42");
        var second = await _e2e.ExecuteAsync(_serviceId, "work", new { key = "idempotent", seconds = 0.01 }, idempotencyKey: "order-42");
        await _e2e.WaitForFinishAsync(first.GetProperty("id").GetString()!);

        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal(1, _e2e.Runs("idempotent"));
    }

    [Fact]
    public async Task Execute_InputOfWrongType_Returns400NamingTheInput()
    {
        using var response = await _e2e.Client.PostAsJsonAsync($"{_e2e.Project}/services/{_serviceId}/execute", new { functionName = "work", input = new { key = "k", seconds = "soon" } });

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("input.seconds", errors.Keys);
    }

    [Fact]
    public async Task Execute_ReturnCurlOnly_ReturnsACommandAndCreatesNothing()
    {
        var text = await (await _e2e.Client.PostAsJsonAsync($"{_e2e.Project}/services/{_serviceId}/execute?returnCurlOnly=true", new { functionName = "greet", input = new { name = "curl" } })).Content.ReadAsStringAsync();
        var listed = await _e2e.Client.GetFromJsonAsync<JsonElement>($"{_e2e.Project}/executions?functionName=greet");

        Assert.StartsWith("curl -X POST", text, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"curl\"", text, StringComparison.Ordinal);
        Assert.Equal(0, listed.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task List_ByStatusAndFunction_FiltersExecutions()
    {
        await _e2e.ExecuteAsync(_serviceId, "greet", new { name = "a" }, wait: true);
        var brokenRun = await _e2e.ExecuteAsync(_serviceId, "broken", new { key = "listed" }, wait: true);
        Assert.True(brokenRun.GetProperty("latestStatus").GetProperty("status").GetString() == "failed", brokenRun.ToString());

        var succeeded = await _e2e.Client.GetFromJsonAsync<JsonElement>($"{_e2e.Project}/executions?status=success");
        var broken = await _e2e.Client.GetFromJsonAsync<JsonElement>($"{_e2e.Project}/services/{_serviceId}/executions?functionName=broken");

        Assert.All(succeeded.GetProperty("items").EnumerateArray(), e => Assert.Equal("success", e.GetProperty("status").GetString()));
        Assert.Single(broken.GetProperty("items").EnumerateArray());
    }

    private async Task<JsonElement> GetAsync(string id) => await _e2e.Client.GetFromJsonAsync<JsonElement>($"{_e2e.Project}/executions/{id}");

    private static List<string> Statuses(JsonElement execution) =>
        [.. execution.GetProperty("statusLog").EnumerateArray().Select(e => e.GetProperty("status").GetString()!)];
}
