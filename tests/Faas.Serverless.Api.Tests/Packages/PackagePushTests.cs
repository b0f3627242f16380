using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.Packages;

[Collection("Azurite")]
public sealed class PackagePushTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FaasApiFactory _factory = null!;
    private Tenant _tenant = null!;
    private HttpClient _developer = null!;

    public async Task InitializeAsync()
    {
        _factory = new FaasApiFactory(azurite);
        _tenant = await Tenant.CreateAsync(_factory);
        _developer = (await _tenant.AddMemberAsync("Developer")).Client;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Push_MinimalSchema_AppliesSeedDefaults()
    {
        using var response = await Codebases.PushAsync(_developer, _tenant.ProjectId, new { name = "minimal" }, Codebases.DefaultZip());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var package = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, package.GetProperty("version").GetInt32());
        var module = package.GetProperty("modules")[0];
        Assert.Equal("default_module", module.GetProperty("name").GetString());
        Assert.Equal("main.py", module.GetProperty("entryPoint").GetString());
        Assert.Equal("ServiceRunner", module.GetProperty("className").GetString());
        Assert.Equal("run", module.GetProperty("functions")[0].GetProperty("name").GetString());
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(64, package.GetProperty("codebase").GetProperty("sha256").GetString()!.Length);
    }

    [Theory]
    [InlineData("Item")]
    [InlineData("json")]
    [InlineData("Dataset[]")]
    [InlineData("Boolean")]
    public async Task Push_KnownInputType_IsAccepted(string type)
    {
        using var response = await Codebases.PushAsync(_developer, _tenant.ProjectId, Codebases.Schema("typed", type), Codebases.DefaultZip());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Push_UnknownInputType_Returns400NamingTheField()
    {
        using var response = await Codebases.PushAsync(_developer, _tenant.ProjectId, Codebases.Schema("bad-type", "Picture"), Codebases.DefaultZip());

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("modules[0].functions[0].input[0].type", errors.Keys);
    }

    [Fact]
    public async Task Push_DuplicateModuleAndFunctionNames_ReportsBoth()
    {
        var function = new { name = "run" };
        var schema = new
        {
            name = "dupes",
            modules = new[]
            {
                new { name = "m", functions = new[] { function, function } },
                new { name = "m", functions = new[] { function } },
            },
        };

        using var response = await Codebases.PushAsync(_developer, _tenant.ProjectId, schema, Codebases.DefaultZip());

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("modules[1].name", errors.Keys);
        Assert.Contains("modules[0].functions[1].name", errors.Keys);
    }

    [Fact]
    public async Task Push_EntryPointMissingFromZip_Returns400OnEntryPoint()
    {
        var schema = new { name = "no-entry", modules = new[] { new { name = "m", entryPoint = "app/run.py" } } };

        using var response = await Codebases.PushAsync(_developer, _tenant.ProjectId, schema, Codebases.DefaultZip());

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("app/run.py", Assert.Single(errors["modules[0].entryPoint"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_EntryPointNotPython_Returns400OnEntryPoint()
    {
        var schema = new { name = "not-py", modules = new[] { new { name = "m", entryPoint = "main.js" } } };

        using var response = await Codebases.PushAsync(_developer, _tenant.ProjectId, schema, Codebases.Zip(("main.js", "x")));

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("modules[0].entryPoint", errors.Keys);
    }

    [Fact]
    public async Task Push_ClassNameNotInEntryFile_Returns400OnClassName()
    {
        var schema = new { name = "no-class", modules = new[] { new { name = "m", className = "Detector" } } };

        using var response = await Codebases.PushAsync(_developer, _tenant.ProjectId, schema, Codebases.DefaultZip());

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("Detector", Assert.Single(errors["modules[0].className"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_CorruptZip_Returns400OnCodebase()
    {
        using var response = await Codebases.PushAsync(_developer, _tenant.ProjectId, new { name = "corrupt" }, [0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("codebase", errors.Keys);
    }

    [Fact]
    public async Task Push_ZipSlipEntry_Returns400NamingTheEntry()
    {
        var zip = Codebases.Zip(("main.py", Codebases.DefaultMain), ("../../etc/evil.py", "x = 1"));

        using var response = await Codebases.PushAsync(_developer, _tenant.ProjectId, new { name = "slip" }, zip);

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains(errors["codebase"], message => message.Contains("../../etc/evil.py", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Push_WithoutCodebase_Returns400OnCodebase()
    {
        using var response = await Codebases.PushAsync(_developer, _tenant.ProjectId, new { name = "no-code" }, zip: null);

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("codebase", errors.Keys);
    }

    [Fact]
    public async Task Push_SchemaNotJson_Returns400OnSchema()
    {
        using var response = await Codebases.PushAsync(_developer, _tenant.ProjectId, "{ not json", Codebases.DefaultZip());

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains(errors.Keys, key => key.StartsWith("schema", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Push_NotMultipart_Returns400OnBody()
    {
        using var response = await _developer.PostAsJsonAsync($"/api/v1/projects/{_tenant.ProjectId}/packages", new { name = "json-only" });

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("body", errors.Keys);
    }

    [Fact]
    public async Task Push_InvalidRequest_StoresNothing()
    {
        using var rejected = await Codebases.PushAsync(_developer, _tenant.ProjectId, Codebases.Schema("rejected", "Picture"), Codebases.DefaultZip());
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);

        var list = await _developer.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{_tenant.ProjectId}/packages");

        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }
}
