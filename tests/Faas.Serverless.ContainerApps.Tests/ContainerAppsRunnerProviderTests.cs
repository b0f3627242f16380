using System.Net;
using System.Text.Json.Nodes;
using Faas.Serverless.ContainerApps.Tests.Fakes;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.ContainerApps.Tests;

public sealed class ContainerAppsRunnerProviderTests
{
    private static readonly string JobName = JobNames.For(TestServices.ServiceId);
    private readonly RecordingHandler _arm = new();
    private readonly InMemoryApiKeys _keys = new();
    private readonly InMemoryReplicas _replicas = new();
    private readonly FixedClock _clock = new(TestServices.Now);
    private readonly ContainerAppsRunnerProvider _provider;

    public ContainerAppsRunnerProviderTests() => _provider = TestServices.Provider(_arm, _keys, _replicas, _clock);

    [Fact]
    public async Task ReconcileAsync_NewActiveService_PutsItsJobWithAFreshRunnerKeyOfItsBot()
    {
        _arm.Respond(HttpStatusCode.NotFound).Respond(HttpStatusCode.Created, "{}");

        var removed = await _provider.ReconcileAsync([TestServices.Service()]);

        Assert.Empty(removed);
        Assert.Equal([HttpMethod.Get, HttpMethod.Put], _arm.Requests.Select(r => r.Method));
        Assert.All(_arm.Requests, r => Assert.EndsWith($"/providers/Microsoft.App/jobs/{JobName}?api-version=2025-01-01", r.Uri.AbsoluteUri, StringComparison.Ordinal));
        var secret = SecretOf(_arm.Requests[1]);
        var key = Assert.Single(_keys.Keys);
        Assert.Equal((TestServices.BotId, JobName, ApiKeys.Hash(secret)), (key.UserId, key.RunnerReplicaId, key.Hash));
        var status = Assert.Single(_replicas.Deployments);
        Assert.Equal((2, false), (status.DesiredReplicas, status.Failed));
    }

    [Fact]
    public async Task ReconcileAsync_UnchangedService_SendsNothingMore()
    {
        _arm.Respond(HttpStatusCode.NotFound).Respond(HttpStatusCode.Created, "{}");
        await _provider.ReconcileAsync([TestServices.Service()]);

        await _provider.ReconcileAsync([TestServices.Service()]);

        Assert.Equal(2, _arm.Requests.Count);
        Assert.Single(_replicas.Deployments);
    }

    [Fact]
    public async Task ReconcileAsync_UpToDateJobAfterARestart_IsNotPutAgain()
    {
        var fingerprint = JobBody.Fingerprint(JobPlanner.Plan(TestServices.Service(), TestServices.Options, TestServices.Queues().QueueName(TestServices.ServiceId)).Job!);
        _arm.Respond(HttpStatusCode.OK, $$$"""{"name":"{{{JobName}}}","tags":{"faas-spec":"{{{fingerprint}}}"}}""");

        await _provider.ReconcileAsync([TestServices.Service()]);

        Assert.Equal(HttpMethod.Get, Assert.Single(_arm.Requests).Method);
        Assert.Empty(_keys.Keys);
    }

    [Fact]
    public async Task ReconcileAsync_NewVersion_PutsANewKeyAndRevokesTheOldOneOnlyAfterTheReplicaTimeout()
    {
        _arm.Respond(HttpStatusCode.NotFound).Respond(HttpStatusCode.Created, "{}").Respond(HttpStatusCode.OK, "{}");
        await _provider.ReconcileAsync([TestServices.Service(version: 1)]);
        _clock.Now += TimeSpan.FromMinutes(5);

        await _provider.ReconcileAsync([TestServices.Service(version: 2)]);

        Assert.Equal(HttpMethod.Put, _arm.Requests[^1].Method);
        Assert.Equal(2, _keys.Keys.Count);
        _clock.Now += TimeSpan.FromSeconds(TestServices.Options.ReplicaTimeoutSeconds);

        await _provider.ReconcileAsync([TestServices.Service(version: 2)]);

        Assert.Equal(ApiKeys.Hash(SecretOf(_arm.Requests[^1])), Assert.Single(_keys.Keys).Hash);
        Assert.Equal(3, _arm.Requests.Count);
    }

    [Fact]
    public async Task ReconcileAsync_DeletedService_DeletesTheJobRevokesItsKeysAndReturnsIt()
    {
        _arm.Respond(HttpStatusCode.NotFound).Respond(HttpStatusCode.Created, "{}").Respond(HttpStatusCode.OK);
        await _provider.ReconcileAsync([TestServices.Service()]);
        var deleting = TestServices.Service(deleting: true);

        var removed = await _provider.ReconcileAsync([deleting]);

        Assert.Equal([deleting], removed);
        Assert.Equal(HttpMethod.Delete, _arm.Requests[^1].Method);
        Assert.Empty(_keys.Keys);
    }

    [Fact]
    public async Task ReconcileAsync_DeletionAccepted_ReturnsTheServiceOnlyOnceTheJobIsGone()
    {
        _arm.Respond(HttpStatusCode.Accepted).Respond(HttpStatusCode.OK, "{}").Respond(HttpStatusCode.NotFound);
        var deleting = TestServices.Service(deleting: true);

        Assert.Empty(await _provider.ReconcileAsync([deleting]));
        Assert.Empty(await _provider.ReconcileAsync([deleting]));
        Assert.Equal([deleting], await _provider.ReconcileAsync([deleting]));

        Assert.Equal([HttpMethod.Delete, HttpMethod.Get, HttpMethod.Get], _arm.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task ReconcileAsync_JobRefused_ShowsWhyRevokesTheKeyAndDoesNotRetryTheSameSpec()
    {
        _arm.Respond(HttpStatusCode.NotFound).Respond(HttpStatusCode.BadRequest, """{"error":{"code":"InvalidParameterValueInContainerTemplate","message":"bad image"}}""");

        await _provider.ReconcileAsync([TestServices.Service()]);
        await _provider.ReconcileAsync([TestServices.Service()]);

        Assert.Equal(2, _arm.Requests.Count);
        Assert.Empty(_keys.Keys);
        var status = Assert.Single(_replicas.Deployments);
        Assert.True(status.Failed);
        Assert.Equal("ContainerAppsRejected", status.Error?.Type);
        Assert.Contains("InvalidParameterValueInContainerTemplate", status.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileAsync_PausedService_DeletesTheJobOnceAndShowsItPaused()
    {
        _arm.Respond(HttpStatusCode.NoContent);

        await _provider.ReconcileAsync([TestServices.Service(active: false)]);
        await _provider.ReconcileAsync([TestServices.Service(active: false)]);

        Assert.Equal(HttpMethod.Delete, Assert.Single(_arm.Requests).Method);
        var status = Assert.Single(_replicas.Deployments);
        Assert.Equal((0, false), (status.DesiredReplicas, status.Failed));
        Assert.StartsWith("Paused", status.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileAsync_GpuService_HasNoJobAndShowsNoGpuAvailable()
    {
        _arm.Respond(HttpStatusCode.NoContent);

        await _provider.ReconcileAsync([TestServices.Service(new ServiceRuntime(true, 1, 6, null, null))]);

        Assert.Equal(HttpMethod.Delete, Assert.Single(_arm.Requests).Method);
        Assert.Equal("NoGpuAvailable", Assert.Single(_replicas.Deployments).Error?.Type);
    }

    [Fact]
    public async Task ReconcileAsync_OneServiceFails_StillReconcilesTheOthers()
    {
        var other = TestServices.Service() with { Id = "other-service" };
        _arm.Respond(HttpStatusCode.Conflict, """{"error":{"code":"Conflict"}}""").Respond(HttpStatusCode.NotFound).Respond(HttpStatusCode.Created, "{}");

        await _provider.ReconcileAsync([TestServices.Service(), other]);

        Assert.EndsWith($"/jobs/{JobNames.For("other-service")}?api-version=2025-01-01", _arm.Requests[^1].Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpMethod.Put, _arm.Requests[^1].Method);
    }

    private static string SecretOf(RecordedRequest put) =>
        JsonNode.Parse(put.Body!)!["properties"]!["configuration"]!["secrets"]![0]!["value"]!.GetValue<string>();
}
