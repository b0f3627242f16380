using System.Text.Json.Nodes;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.OpenApi;

[Collection("Azurite")]
public sealed class OpenApiSecurityTests(AzuriteFixture azurite) : OpenApiDocumentFixture(azurite)
{
    [Fact]
    public void Components_SecuritySchemes_DescribeEveryKeyForm()
    {
        var schemes = Document["components"]!["securitySchemes"]!.AsObject();

        Assert.Equal("http", schemes["bearer"]!["type"]!.GetValue<string>());
        Assert.Equal("bearer", schemes["bearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal(("header", "x-api-key"), Location(schemes["apiKeyHeader"]!));
        Assert.Equal(("header", "aeg-sas-key"), Location(schemes["eventGridKey"]!));
        Assert.Equal(("query", "code"), Location(schemes["codeQuery"]!));
        Assert.Equal(("header", "aeg-sas-token"), Location(schemes["eventGridSasToken"]!));
    }

    [Fact]
    public void ProtectedOperation_AcceptsBearerOrApiKeyHeader()
    {
        Assert.Equal(["bearer", "apiKeyHeader"], Schemes(Operation("GET", "/api/v1/projects")));
        Assert.Equal(["bearer", "apiKeyHeader"], Schemes(Operation("POST", "/api/v1/projects/{projectId}/services")));
    }

    [Fact]
    public void AnonymousOperation_HasNoSecurity()
    {
        var health = Operation("GET", "/api/health");

        Assert.Empty(Schemes(health));
        Assert.False(health["responses"]!.AsObject().ContainsKey("401"));
    }

    [Fact]
    public void Operations_OnlyTheEventIngress_AcceptsThePublishersKeyForms()
    {
        var publisherForms = new[] { "eventGridKey", "codeQuery", "eventGridSasToken" };
        var withPublisherForms = Operations().Where(item => Schemes(item.Operation).Intersect(publisherForms).Any()).Select(item => $"{item.Method} {item.Path}").Order().ToList();

        Assert.Equal(
            ["OPTIONS /api/v1/projects/{projectId}/events/cloudevents", "POST /api/v1/projects/{projectId}/events/cloudevents", "POST /api/v1/projects/{projectId}/events/eventgrid"],
            withPublisherForms);
        Assert.Equal(["bearer", "apiKeyHeader", .. publisherForms], Schemes(Operation("POST", "/api/v1/projects/{projectId}/events/eventgrid")));
    }

    [Fact]
    public void Operations_EveryOneExceptHealth_RequiresAKey()
    {
        var open = Operations().Where(item => Schemes(item.Operation).Count == 0).Select(item => $"{item.Method} {item.Path}").ToList();

        Assert.Equal(["GET /api/health"], open);
    }

    private static (string In, string Name) Location(JsonNode scheme) =>
        (scheme["in"]!.GetValue<string>(), scheme["name"]!.GetValue<string>());

    /// <summary>The alternatives of an operation's security, one scheme each.</summary>
    private static List<string> Schemes(JsonObject operation) =>
        operation["security"]?.AsArray().Select(requirement => requirement!.AsObject().Single().Key).ToList() ?? [];
}
