using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.Packages;

[Collection("Azurite")]
public sealed class PackageRevisionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FaasApiFactory _factory = null!;
    private Tenant _tenant = null!;
    private HttpClient _developer = null!;

    private string Packages => $"/api/v1/projects/{_tenant.ProjectId}/packages";

    public async Task InitializeAsync()
    {
        _factory = new FaasApiFactory(azurite);
        _tenant = await Tenant.CreateAsync(_factory);
        _developer = (await _tenant.AddMemberAsync("Developer")).Client;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Push_SameNameTwice_CreatesRevisionTwoAndKeepsRevisionOne()
    {
        var first = await PushAsync("tagger", Codebases.DefaultZip("# v1"));
        var second = await PushAsync("tagger", Codebases.DefaultZip("# v2"));

        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        var id = second.GetProperty("id").GetString();
        var revisionOne = await _developer.GetFromJsonAsync<JsonElement>($"{Packages}/{id}?revision=1");
        Assert.Equal(1, revisionOne.GetProperty("revision").GetInt32());
        Assert.Equal(2, revisionOne.GetProperty("version").GetInt32());
        Assert.Equal(first.GetProperty("codebase").GetProperty("sha256").GetString(), revisionOne.GetProperty("codebase").GetProperty("sha256").GetString());
        var revisions = await _developer.GetFromJsonAsync<JsonElement>($"{Packages}/{id}/revisions");
        Assert.Equal([1, 2], revisions.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("revision").GetInt32()));
    }

    [Fact]
    public async Task GetCodebase_OlderRevision_ReturnsThatRevisionsZip()
    {
        var v1 = Codebases.DefaultZip("# v1");
        var package = await PushAsync("download", v1);
        await PushAsync("download", Codebases.DefaultZip("# v2"));

        using var response = await _developer.GetAsync($"{Packages}/{package.GetProperty("id").GetString()}/codebase?revision=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(v1, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Push_IdenticalCodebases_ShareOneBlob()
    {
        var zip = Codebases.DefaultZip("# shared");
        await PushAsync("shared-a", zip);
        await PushAsync("shared-b", zip);
        var documented = new { name = "shared-a", modules = new[] { new { functions = new[] { new { name = "run", description = "revision 2, same zip" } } } } };
        using var revision2 = await Codebases.PushAsync(_developer, _tenant.ProjectId, documented, zip);
        Assert.Equal(HttpStatusCode.Created, revision2.StatusCode);

        var blobs = new List<BlobItem>();
        await foreach (var blob in azurite.Clients.Blobs.GetBlobContainerClient(_factory.CodebaseContainer).GetBlobsAsync())
        {
            blobs.Add(blob);
        }

        Assert.Single(blobs);
    }

    [Fact]
    public async Task Patch_Modules_CreatesRevisionWithSameCodebase()
    {
        var package = await PushAsync("patched", Codebases.DefaultZip());
        var id = package.GetProperty("id").GetString();
        var patch = new { modules = new[] { new { name = "default_module", functions = new[] { new { name = "run", description = "now documented" } } } } };

        using var response = await _developer.PatchAsJsonAsync($"{Packages}/{id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, updated.GetProperty("version").GetInt32());
        Assert.Equal("now documented", updated.GetProperty("modules")[0].GetProperty("functions")[0].GetProperty("description").GetString());
        Assert.Equal(package.GetProperty("codebase").GetProperty("sha256").GetString(), updated.GetProperty("codebase").GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Patch_StaleIfMatch_Returns412AndChangesNothing()
    {
        using var pushed = await Codebases.PushAsync(_developer, _tenant.ProjectId, new { name = "etagged" }, Codebases.DefaultZip());
        var staleETag = pushed.Headers.ETag!.ToString();
        var id = (await pushed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await PushAsync("etagged", Codebases.DefaultZip("# newer"));
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{Packages}/{id}") { Content = JsonContent.Create(new { modules = new[] { new { name = "default_module" } } }) };
        request.Headers.TryAddWithoutValidation("If-Match", staleETag);

        using var response = await _developer.SendAsync(request);

        await ProblemAssert.StatusAsync(response, HttpStatusCode.PreconditionFailed);
        var current = await _developer.GetFromJsonAsync<JsonElement>($"{Packages}/{id}");
        Assert.Equal(2, current.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Patch_ClassNameNotInCodebase_Returns400()
    {
        var id = (await PushAsync("patch-invalid", Codebases.DefaultZip())).GetProperty("id").GetString();

        using var response = await _developer.PatchAsJsonAsync($"{Packages}/{id}", new { modules = new[] { new { name = "m", className = "Missing" } } });

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("modules[0].className", errors.Keys);
    }

    [Fact]
    public async Task Get_RevisionThatDoesNotExist_Returns404()
    {
        var id = (await PushAsync("one-revision", Codebases.DefaultZip())).GetProperty("id").GetString();

        using var response = await _developer.GetAsync($"{Packages}/{id}?revision=7");

        await ProblemAssert.StatusAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Push_ConcurrentPushesOfOnePackage_EveryRevisionNumberUsedOnce()
    {
        const int pushes = 8;
        var results = await Task.WhenAll(Enumerable.Range(0, pushes).Select(i => PushAsync("contended", Codebases.DefaultZip($"# {i}"))));

        Assert.Equal(Enumerable.Range(1, pushes), results.Select(r => r.GetProperty("version").GetInt32()).Order());
        var id = results[0].GetProperty("id").GetString();
        var revisions = await _developer.GetFromJsonAsync<JsonElement>($"{Packages}/{id}/revisions");
        var hashes = revisions.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("codebase").GetProperty("sha256").GetString()).ToHashSet();
        Assert.Equal(pushes, hashes.Count);
    }

    [Fact]
    public async Task List_MorePackagesThanAPage_PagesThroughAll()
    {
        for (var i = 0; i < 5; i++)
        {
            await PushAsync($"paged-{i}", Codebases.DefaultZip());
        }

        var names = new List<string>();
        string? token = null;
        do
        {
            var query = token is null ? "?pageSize=2" : $"?pageSize=2&continuationToken={Uri.EscapeDataString(token)}";
            var page = await _developer.GetFromJsonAsync<JsonElement>(Packages + query);
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()!));
            token = page.GetProperty("continuationToken").GetString();
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"paged-{i}"), names);
    }

    [Fact]
    public async Task List_ForgedContinuationToken_Returns400()
    {
        using var response = await _developer.GetAsync(Packages + "?continuationToken=not-a-token");

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("continuationToken", errors.Keys);
    }

    private async Task<JsonElement> PushAsync(string name, byte[] zip)
    {
        using var response = await Codebases.PushAsync(_developer, _tenant.ProjectId, new { name }, zip);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
