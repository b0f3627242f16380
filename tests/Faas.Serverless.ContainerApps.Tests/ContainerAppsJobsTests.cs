using System.Net;
using System.Text.Json.Nodes;
using Azure;
using Faas.Serverless.ContainerApps.Tests.Fakes;

namespace Faas.Serverless.ContainerApps.Tests;

public sealed class ContainerAppsJobsTests
{
    private const string JobUri = "https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-faas/providers/Microsoft.App/jobs/faas-job1?api-version=2025-01-01";

    [Fact]
    public async Task PutAsync_Body_IsSentAsIsToTheJobWithApiVersionAndBearerToken()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.Created, "{}");
        var body = new JsonObject { ["location"] = "westeurope", ["properties"] = new JsonObject { ["environmentId"] = "env" } };

        await TestServices.Jobs(handler).PutAsync("faas-job1", body);

        var request = Assert.Single(handler.Requests);
        Assert.Equal((HttpMethod.Put, JobUri, $"Bearer {StaticToken.Value}"), (request.Method, request.Uri.AbsoluteUri, request.Authorization));
        Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(request.Body!)));
    }

    [Fact]
    public async Task PutAsync_Refused_ThrowsWithStatusAndArmErrorCode()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.BadRequest, """{"error":{"code":"InvalidParameterValueInContainerTemplate","message":"bad image"}}""");

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => TestServices.Jobs(handler).PutAsync("faas-job1", new JsonObject()));

        Assert.Equal((400, "InvalidParameterValueInContainerTemplate"), (ex.Status, ex.ErrorCode));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, true)]
    [InlineData(HttpStatusCode.NoContent, true)]
    [InlineData(HttpStatusCode.NotFound, true)]
    [InlineData(HttpStatusCode.Accepted, false)]
    public async Task DeleteAsync_Status_SaysWhetherTheJobIsGone(HttpStatusCode status, bool gone)
    {
        var handler = new RecordingHandler().Respond(status);

        Assert.Equal(gone, await TestServices.Jobs(handler).DeleteAsync("faas-job1"));
        var request = Assert.Single(handler.Requests);
        Assert.Equal((HttpMethod.Delete, JobUri), (request.Method, request.Uri.AbsoluteUri));
    }

    [Fact]
    public async Task GetTagsAsync_NoSuchJob_IsNull()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.NotFound, """{"error":{"code":"ResourceNotFound"}}""");

        Assert.Null(await TestServices.Jobs(handler).GetTagsAsync("faas-job1"));
        Assert.Equal((HttpMethod.Get, JobUri), (handler.Requests[0].Method, handler.Requests[0].Uri.AbsoluteUri));
    }

    [Fact]
    public async Task GetTagsAsync_ExistingJob_ReturnsItsTags()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.OK, """{"name":"faas-job1","tags":{"faas-spec":"abc"}}""");

        var tags = await TestServices.Jobs(handler).GetTagsAsync("faas-job1");

        Assert.Equal("abc", tags?["faas-spec"]);
    }
}
