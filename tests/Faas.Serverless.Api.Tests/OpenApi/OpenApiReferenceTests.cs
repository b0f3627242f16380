using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Microsoft.OpenApi;

namespace Faas.Serverless.Api.Tests.OpenApi;

[Collection("Azurite")]
public sealed class OpenApiReferenceTests(AzuriteFixture azurite) : OpenApiDocumentFixture(azurite)
{
    [Fact]
    public void Document_ReadByMicrosoftOpenApi_IsValidOpenApi31()
    {
        var read = OpenApiDocument.Parse(DocumentText, "json");
        var errors = read.Diagnostic?.Errors.Select(error => $"{error.Pointer}: {error.Message}").ToList() ?? [];
        var invalid = read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())?.Select(error => $"{error.Pointer}: {error.Message}").ToList() ?? [];

        Assert.True(errors.Count == 0, "Reading the document: " + string.Join("; ", errors));
        Assert.True(invalid.Count == 0, "Validating the document: " + string.Join("; ", invalid));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic!.SpecificationVersion);
        Assert.StartsWith("3.1", Document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_WithoutKey_IsServedAsJson()
    {
        using var response = await Factory.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ReferencePage_WithoutKey_IsHtmlThatLoadsTheDocumentFromTheHost()
    {
        using var client = Factory.CreateClient();
        using var page = await client.GetAsync("/scalar/v1");
        var html = await page.Content.ReadAsStringAsync();
        using var script = await client.GetAsync("/scalar/scalar.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Faas.Serverless API</title>", html, StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task ResponseSchemas_NameTheFieldsTheApiSends()
    {
        var tenant = await Tenant.CreateAsync(Factory);
        using var admin = Factory.CreateAdminClient();
        var project = await admin.GetStringAsync($"/api/v1/projects/{tenant.ProjectId}");
        var members = await admin.GetStringAsync($"/api/v1/projects/{tenant.ProjectId}/members");
        var health = await admin.GetStringAsync("/api/health");

        AssertMatches(project, ResponseSchema("GET", "/api/v1/projects/{projectId}"));
        AssertMatches(members, ResponseSchema("GET", "/api/v1/projects/{projectId}/members"));
        AssertMatches(health, ResponseSchema("GET", "/api/health"));
    }

    private JsonObject ResponseSchema(string method, string path) =>
        Resolve(Operation(method, path)["responses"]!["200"]!["content"]!["application/json"]!["schema"]!);

    /// <summary>Each object has exactly the schema's properties, and each enum value is one the schema lists.</summary>
    private void AssertMatches(string json, JsonObject schema) => AssertMatches(JsonDocument.Parse(json).RootElement, schema, "$");

    private void AssertMatches(JsonElement value, JsonObject schema, string at)
    {
        schema = Resolve(schema);
        if (schema["enum"] is JsonArray values && value.ValueKind == JsonValueKind.String)
        {
            Assert.True(values.Any(allowed => allowed?.GetValue<string>() == value.GetString()), $"{at}: '{value.GetString()}' is not in the schema's enum.");
        }

        if (value.ValueKind == JsonValueKind.Object && schema["properties"] is JsonObject properties)
        {
            Assert.Equal(properties.Select(property => property.Key).Order(), value.EnumerateObject().Select(property => property.Name).Order());
            foreach (var property in value.EnumerateObject())
            {
                AssertMatches(property.Value, Unwrap(properties[property.Name]!), $"{at}.{property.Name}");
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema["items"] is { } items)
        {
            foreach (var item in value.EnumerateArray())
            {
                AssertMatches(item, Unwrap(items), $"{at}[]");
            }
        }
    }

    /// <summary>A nullable reference is written <c>oneOf: [null, $ref]</c>: the reference is what to follow.</summary>
    private JsonObject Unwrap(JsonNode schema) =>
        schema["oneOf"] is JsonArray choices ? Resolve(choices.First(choice => choice!["$ref"] is not null)!) : Resolve(schema);
}
