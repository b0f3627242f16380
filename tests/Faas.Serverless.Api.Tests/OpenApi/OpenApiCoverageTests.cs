using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.OpenApi;

[Collection("Azurite")]
public sealed class OpenApiCoverageTests(AzuriteFixture azurite) : OpenApiDocumentFixture(azurite)
{
    [Fact]
    public void Document_EveryMappedRoute_IsAnOperation()
    {
        var mapped = MappedOperations();
        var missing = mapped.Where(route => Paths[route.Path]?[route.Method.ToLowerInvariant()] is null).Select(route => $"{route.Method} {route.Path}").ToList();

        Assert.True(missing.Count == 0, $"Mapped routes missing from /openapi/v1.json: {string.Join(", ", missing)}");
        Assert.True(mapped.Count > 70, $"Only {mapped.Count} routes: the host's endpoint table is not what it maps.");
        Assert.Equal(mapped.Count, Operations().Count());
    }

    [Fact]
    public void Document_ReferencePages_AreNotOperations()
    {
        Assert.DoesNotContain(Paths, path => path.Key.StartsWith("/openapi", StringComparison.Ordinal) || path.Key.StartsWith("/scalar", StringComparison.Ordinal));
    }

    [Fact]
    public void Operations_Each_HasSummaryDescriptionAndTag()
    {
        var bare = Operations()
            .Where(item => string.IsNullOrWhiteSpace(item.Operation["summary"]?.GetValue<string>()) || item.Operation["tags"]?.AsArray().Count is not > 0)
            .Select(item => $"{item.Method} {item.Path}")
            .ToList();

        Assert.True(bare.Count == 0, $"Operations without a summary or a tag (add them to OperationDocs): {string.Join(", ", bare)}");
        Assert.EndsWith("Needs the Developer role or higher in the project.", Operation("DELETE", "/api/v1/projects/{projectId}/bots/{botId}")["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Operations_EveryTemplatedPathSegment_IsDeclared()
    {
        foreach (var (method, path, operation) in Operations())
        {
            var declared = operation["parameters"]?.AsArray().Where(parameter => parameter!["in"]!.GetValue<string>() == "path").Select(parameter => parameter!["name"]!.GetValue<string>()).ToHashSet() ?? [];
            var templated = path.Split('/').Where(segment => segment.StartsWith('{')).Select(segment => segment.Trim('{', '}'));

            Assert.True(templated.All(declared.Contains), $"{method} {path} declares path parameters [{string.Join(", ", declared)}].");
        }
    }
}
