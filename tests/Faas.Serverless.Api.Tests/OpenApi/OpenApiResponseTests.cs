using System.Text.Json.Nodes;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.OpenApi;

[Collection("Azurite")]
public sealed class OpenApiResponseTests(AzuriteFixture azurite) : OpenApiDocumentFixture(azurite)
{
    [Fact]
    public void Operations_EveryErrorResponse_IsProblemJson()
    {
        var plain = Operations()
            .SelectMany(item => item.Operation["responses"]!.AsObject().Where(response => response.Key[0] is '4' or '5').Select(response => (item, response)))
            .Where(pair => pair.response.Value!["content"]?["application/problem+json"]?["schema"] is null)
            .Select(pair => $"{pair.item.Method} {pair.item.Path} {pair.response.Key}")
            .ToList();

        Assert.True(plain.Count == 0, $"Error responses without an application/problem+json schema: {string.Join(", ", plain)}");
    }

    [Fact]
    public void Operations_DeclareTheErrorsThePipelineAnswers()
    {
        foreach (var (method, path, operation) in Operations())
        {
            var statuses = operation["responses"]!.AsObject().Select(response => response.Key).ToHashSet();
            Assert.True(statuses.Contains("429"), $"{method} {path} does not declare 429.");
            Assert.True(path == "/api/health" || statuses.Contains("401"), $"{method} {path} does not declare 401.");
            Assert.True(!path.Contains('{', StringComparison.Ordinal) || statuses.IsSupersetOf(["400", "404"]), $"{method} {path} does not declare 400 and 404 for its ids.");
        }

        Assert.Superset(new HashSet<string> { "403", "409", "412" }, Statuses("PATCH", "/api/v1/projects/{projectId}/services/{serviceId}"));
        Assert.Superset(new HashSet<string> { "403", "409", "413" }, Statuses("POST", "/api/v1/projects/{projectId}/services/{serviceId}/execute"));
        Assert.DoesNotContain("403", Statuses("GET", "/api/v1/projects/{projectId}/services"));
    }

    [Fact]
    public void Responses_DeclareTheHeadersClientsActOn()
    {
        JsonNode? Header(string method, string path, string status, string name) => Operation(method, path)["responses"]![status]?["headers"]?[name];

        Assert.NotNull(Header("GET", "/api/v1/projects/{projectId}/services/{serviceId}", "200", "ETag"));
        Assert.NotNull(Header("PATCH", "/api/v1/projects/{projectId}/triggers/{triggerId}", "200", "ETag"));
        Assert.NotNull(Header("POST", "/api/v1/projects/{projectId}/services", "201", "Location"));
        Assert.NotNull(Header("POST", "/api/v1/projects/{projectId}/packages", "201", "Faas-Push-Result"));
        Assert.Null(Header("GET", "/api/v1/projects/{projectId}/services", "200", "ETag"));
        Assert.All(
            Operations().Where(item => item.Operation["responses"]?["429"] is not null),
            item => Assert.NotNull(item.Operation["responses"]!["429"]!["headers"]?["Retry-After"]));
        Assert.DoesNotContain("415", Statuses("POST", "/api/v1/projects/{projectId}/packages"));
    }

    [Fact]
    public void ValidationErrors_CarryTheFieldErrors()
    {
        var schema = Resolve(Operation("POST", "/api/v1/projects/{projectId}/services")["responses"]!["400"]!["content"]!["application/problem+json"]!["schema"]!);

        Assert.NotNull(schema["properties"]!["errors"]);
        Assert.NotNull(schema["properties"]!["title"]);
        Assert.NotNull(schema["properties"]!["traceId"]);
    }

    [Fact]
    public void Operations_WithABody_DeclareItsSchema()
    {
        var bodiless = MappedOperations()
            .Where(route => route.Method is "POST" or "PUT" or "PATCH" && route.Endpoint.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>().Any())
            .Where(route => Operation(route.Method, route.Path)["requestBody"]?["content"]?.AsObject().All(content => content.Value!["schema"] is not null) is not true)
            .Select(route => $"{route.Method} {route.Path}")
            .ToList();

        Assert.True(bodiless.Count == 0, $"Operations that read a body but declare no schema for it: {string.Join(", ", bodiless)}");
        Assert.Equal(["schema", "codebase"], Properties("POST", "/api/v1/projects/{projectId}/packages", "multipart/form-data"));
        Assert.Contains("eventType", Properties("POST", "/api/v1/projects/{projectId}/events/eventgrid", "application/json"));
        Assert.Contains("specversion", Properties("POST", "/api/v1/projects/{projectId}/events/cloudevents", "application/cloudevents+json"));
        Assert.Contains("spec", Properties("PATCH", "/api/v1/projects/{projectId}/triggers/{triggerId}", "application/json"));
    }

    [Theory]
    [InlineData("POST", "/api/v1/projects/{projectId}/packages", "multipart/form-data")]
    [InlineData("POST", "/api/v1/projects/{projectId}/services", "application/json")]
    [InlineData("POST", "/api/v1/projects/{projectId}/services/{serviceId}/execute", "application/json")]
    [InlineData("POST", "/api/v1/projects/{projectId}/triggers", "application/json")]
    public void MainRequestBodies_HaveExamplesInTheirSchemasFields(string method, string path, string contentType)
    {
        var media = Operation(method, path)["requestBody"]!["content"]![contentType]!;
        var fields = Properties(method, path, contentType);
        var examples = media["examples"]!.AsObject();

        Assert.NotEmpty(examples);
        foreach (var (name, example) in examples)
        {
            var unknown = example!["value"]!.AsObject().Select(field => field.Key).Except(fields).ToList();
            Assert.True(unknown.Count == 0, $"Example '{name}' of {method} {path} has fields the schema does not: {string.Join(", ", unknown)}");
        }
    }

    [Fact]
    public void Numbers_AreNumbersNotStrings()
    {
        var attempts = Resolve(Document["components"]!["schemas"]!["ExecutionSummary"]!)["properties"]!["attempts"]!;

        Assert.Equal("integer", attempts["type"]!.GetValue<string>());
    }

    private HashSet<string> Statuses(string method, string path) =>
        Operation(method, path)["responses"]!.AsObject().Select(response => response.Key).ToHashSet();

    private List<string> Properties(string method, string path, string contentType)
    {
        var schema = Resolve(Operation(method, path)["requestBody"]!["content"]![contentType]!["schema"]!);
        var item = schema["items"] is { } items ? Resolve(items) : schema;
        return item["properties"]!.AsObject().Select(property => property.Key).ToList();
    }
}
