using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Api.Tests.Packages;

[Collection("Azurite")]
public sealed class PackageAccessTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FaasApiFactory _factory = null!;
    private Tenant _tenant = null!;
    private HttpClient _developer = null!;

    private string Packages => $"/api/v1/projects/{_tenant.ProjectId}/packages";

    public async Task InitializeAsync()
    {
        _factory = new FaasApiFactory(azurite, new Dictionary<string, string?> { ["Faas:Packages:MaxCodebaseSizeBytes"] = "4096" });
        _tenant = await Tenant.CreateAsync(_factory);
        _developer = (await _tenant.AddMemberAsync("Developer")).Client;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("Viewer")]
    [InlineData("Annotator")]
    public async Task Push_BelowDeveloper_Returns403AndStoresNothing(string role)
    {
        var member = await _tenant.AddMemberAsync(role);

        using var response = await Codebases.PushAsync(member.Client, _tenant.ProjectId, new { name = "forbidden" }, Codebases.DefaultZip());

        await ProblemAssert.StatusAsync(response, HttpStatusCode.Forbidden);
        var list = await member.Client.GetFromJsonAsync<JsonElement>(Packages);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("Viewer")]
    [InlineData("Annotator")]
    public async Task UpdateAndDelete_BelowDeveloper_Return403AndChangeNothing(string role)
    {
        var id = await PushAsync("guarded");
        var member = await _tenant.AddMemberAsync(role);

        using var patch = await member.Client.PatchAsJsonAsync($"{Packages}/{id}", new { modules = new[] { new { name = "x" } } });
        using var delete = await member.Client.DeleteAsync($"{Packages}/{id}");

        await ProblemAssert.StatusAsync(patch, HttpStatusCode.Forbidden);
        await ProblemAssert.StatusAsync(delete, HttpStatusCode.Forbidden);
        var package = await member.Client.GetFromJsonAsync<JsonElement>($"{Packages}/{id}");
        Assert.Equal(1, package.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Get_MemberOfAnotherProject_Returns404()
    {
        var id = await PushAsync("private");
        var otherTenant = await Tenant.CreateAsync(_factory);
        var outsider = await otherTenant.AddMemberAsync("Owner");

        using var get = await outsider.Client.GetAsync($"{Packages}/{id}");
        using var list = await outsider.Client.GetAsync(Packages);
        using var push = await Codebases.PushAsync(outsider.Client, _tenant.ProjectId, new { name = "intruder" }, Codebases.DefaultZip());

        await ProblemAssert.StatusAsync(get, HttpStatusCode.NotFound);
        await ProblemAssert.StatusAsync(list, HttpStatusCode.NotFound);
        await ProblemAssert.StatusAsync(push, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Push_CodebaseOverLimit_Returns400OnCodebase()
    {
        var big = Codebases.Zip(("main.py", Codebases.DefaultMain), ("data.bin", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8192))));

        using var response = await Codebases.PushAsync(_developer, _tenant.ProjectId, new { name = "too-big" }, big);

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("4096", Assert.Single(errors["codebase"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_UnusedPackage_RemovesItAndItsRevisions()
    {
        var id = await PushAsync("deleted");
        await PushAsync("deleted", "# revision 2");

        using var response = await _developer.DeleteAsync($"{Packages}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await ProblemAssert.StatusAsync(await _developer.GetAsync($"{Packages}/{id}"), HttpStatusCode.NotFound);
        await ProblemAssert.StatusAsync(await _developer.GetAsync($"{Packages}/{id}?revision=1"), HttpStatusCode.NotFound);
        var recreated = await PushAsync("deleted");
        Assert.NotEqual(id, recreated);
    }

    [Fact]
    public async Task Delete_PackageUsedByAService_Returns409AndKeepsIt()
    {
        var id = await PushAsync("in-use");
        var store = _factory.Services.GetRequiredService<IPackageStore>();
        await store.AddUsageAsync((await store.GetAsync(_tenant.ProjectId, id))!, "service-1");

        using var response = await _developer.DeleteAsync($"{Packages}/{id}");

        var detail = await ProblemAssert.StatusAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("service-1", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _developer.GetAsync($"{Packages}/{id}")).StatusCode);
    }

    private async Task<string> PushAsync(string name, string marker = "")
    {
        using var response = await Codebases.PushAsync(_developer, _tenant.ProjectId, new { name }, Codebases.DefaultZip(marker));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
