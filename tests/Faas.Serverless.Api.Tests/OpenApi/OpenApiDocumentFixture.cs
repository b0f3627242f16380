using System.Text.Json.Nodes;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Api.Tests.OpenApi;

/// <summary>A host, the document it serves without a key, and the helpers to read it.</summary>
public abstract class OpenApiDocumentFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    protected FaasApiFactory Factory { get; private set; } = null!;

    protected string DocumentText { get; private set; } = string.Empty;

    protected JsonObject Document { get; private set; } = null!;

    protected JsonObject Paths => Document["paths"]!.AsObject();

    public async Task InitializeAsync()
    {
        Factory = new FaasApiFactory(azurite);
        using var anonymous = Factory.CreateClient();
        DocumentText = await anonymous.GetStringAsync("/openapi/v1.json");
        Document = JsonNode.Parse(DocumentText)!.AsObject();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>The API's routes as the host maps them, as (method, path) in the document's spelling; the document and reference page themselves left out.</summary>
    protected IReadOnlyList<(string Method, string Path, RouteEndpoint Endpoint)> MappedOperations() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => (method, PathOf(endpoint.RoutePattern), endpoint)))
            .ToList();

    protected JsonObject Operation(string method, string path) =>
        Paths[path]?[method.ToLowerInvariant()]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"The document has no {method} {path}.");

    protected IEnumerable<(string Method, string Path, JsonObject Operation)> Operations() =>
        Paths.SelectMany(path => path.Value!.AsObject().Where(item => item.Key != "parameters").Select(item => (item.Key.ToUpperInvariant(), path.Key, item.Value!.AsObject())));

    /// <summary>Follows a <c>$ref</c> into <c>components</c>.</summary>
    protected JsonObject Resolve(JsonNode schema)
    {
        var node = schema.AsObject();
        return node["$ref"]?.GetValue<string>() is { } reference
            ? Resolve(Document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!)
            : node;
    }

    private static string PathOf(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => string.Empty,
        }))));
}
