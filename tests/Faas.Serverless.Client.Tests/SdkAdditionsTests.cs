using System.Net;
using Faas.Serverless.Client.Models;
using Faas.Serverless.Client.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Client.Tests;

/// <summary>Service updates with ETags, versions, secrets, identity and downloads, against the real host in-process.</summary>
[Collection("Azurite")]
public sealed class SdkAdditionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private HostFactory _host = null!;
    private Tenant _tenant = null!;

    private FaasClient Client => _tenant.Client;

    private string Project => _tenant.ProjectId;

    public async Task InitializeAsync()
    {
        _host = new HostFactory(azurite);
        _tenant = await Tenant.CreateAsync(_host);
    }

    public async Task DisposeAsync()
    {
        _tenant.Client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task UpdateServiceAsync_StaleETag_Throws412AndTheCurrentETagApplies()
    {
        var service = await DeployAsync("etags", new ServiceRuntime(Replicas: 1));
        var read = await Client.GetServiceAsync(Project, service.Id);
        Assert.NotNull(read.ETag);
        await Client.UpdateServiceAsync(Project, service.Id, new UpdateServiceRequest(Runtime: new ServiceRuntime(Replicas: 2)));

        var stale = await Assert.ThrowsAsync<FaasApiException>(() => Client.UpdateServiceAsync(Project, service.Id, new UpdateServiceRequest(MaxAttempts: 5), read.ETag));
        var current = await Client.GetServiceAsync(Project, service.Id);
        var updated = await Client.UpdateServiceAsync(Project, service.Id, new UpdateServiceRequest(MaxAttempts: 5), current.ETag);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal(5, updated.MaxAttempts);
        Assert.Equal(2, updated.Runtime.Replicas);
        Assert.NotEqual(current.ETag, updated.ETag);
    }

    [Fact]
    public async Task UpdateServiceAsync_RemoveAutoscaler_RemovesItAndKeepsTheRest()
    {
        var service = await DeployAsync("scaled", new ServiceRuntime(Replicas: 1, Concurrency: 3, Autoscaler: new Autoscaler(0, 3, 5, 10)));

        var kept = await Client.UpdateServiceAsync(Project, service.Id, new UpdateServiceRequest(MaxAttempts: 2));
        var removed = await Client.UpdateServiceAsync(Project, service.Id, new UpdateServiceRequest(RemoveAutoscaler: true));

        Assert.NotNull(kept.Runtime.Autoscaler);
        Assert.Null(removed.Runtime.Autoscaler);
        Assert.Equal(3, removed.Runtime.Concurrency);
        Assert.Equal(2, removed.MaxAttempts);
    }

    [Fact]
    public async Task RollbackServiceAsync_ToVersionOne_DeploysItsSpecAsANewVersion()
    {
        var service = await DeployAsync("rolled", new ServiceRuntime(Replicas: 1));
        await Client.UpdateServiceAsync(Project, service.Id, new UpdateServiceRequest(Runtime: new ServiceRuntime(Replicas: 4)));

        var rolledBack = await Client.RollbackServiceAsync(Project, service.Id, 1);

        Assert.Equal(3, rolledBack.Version);
        Assert.Equal(1, rolledBack.Runtime.Replicas);
        var versions = await Client.ListServiceVersionsAsync(Project, service.Id).CollectAsync();
        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.Equal(4, versions[1].Spec.GetProperty("runtime").GetProperty("replicas").GetInt32());
    }

    [Fact]
    public async Task Secrets_SetListDelete_ShowNamesAndVersionsAndRestartTheirServices()
    {
        var first = await Client.SetSecretAsync(Project, "API_TOKEN", "first-value");
        var service = await DeployAsync("secretive", new ServiceRuntime(Replicas: 1), secrets: ["API_TOKEN"]);

        var second = await Client.SetSecretAsync(Project, "API_TOKEN", "second-value");

        Assert.Equal(1, first.Secret.Version);
        Assert.Equal(2, second.Secret.Version);
        Assert.Equal([service.Id], second.RestartedServices);
        Assert.Equal("API_TOKEN", Assert.Single(await Client.ListSecretsAsync(Project).CollectAsync()).Name);
        Assert.Equal("SecretUpdated", Assert.Single(await Client.ListServiceEventsAsync(Project, service.Id).CollectAsync()).Type);
        await Client.DeleteSecretAsync(Project, "API_TOKEN");
        var gone = await Assert.ThrowsAsync<FaasApiException>(() => Client.GetSecretAsync(Project, "API_TOKEN"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }

    [Fact]
    public async Task DownloadCodebaseAsync_PushedZip_AnswersTheSameBytesAndTheFileName()
    {
        using var zip = Packages.Zip();
        var pushed = await Client.PushPackageAsync(Project, Packages.Schema("download-me"), zip);
        using var downloaded = new MemoryStream();

        var fileName = await Client.DownloadCodebaseAsync(Project, pushed.Package.Id, downloaded);

        Assert.Equal(zip.ToArray(), downloaded.ToArray());
        Assert.Equal("download-me-r1.zip", fileName);
        await Client.DeletePackageAsync(Project, pushed.Package.Id, pushed.Package.ETag);
        Assert.Empty(await Client.ListPackagesAsync(Project).CollectAsync());
    }

    [Fact]
    public async Task Identity_AdminMakesOrganizationProjectUserAndKey_TheKeyWorksAsThatUser()
    {
        using var adminHttp = _host.CreateClient();
        using var admin = new FaasClient(adminHttp, HostFactory.AdminKey);
        Assert.True((await admin.GetMeAsync()).IsAdmin);
        var organization = await admin.CreateOrganizationAsync("sdk-org");
        var user = await admin.CreateUserAsync($"sdk-{Guid.NewGuid():N}@example.com", "Sdk");
        await admin.AddOrganizationMemberAsync(organization.Id, user.Id);
        var project = await admin.CreateProjectAsync("sdk-project", organization.Id, ownerId: user.Id);
        var key = await admin.CreateApiKeyAsync(user.Id, "sdk");

        using var userHttp = _host.CreateClient();
        using var asUser = new FaasClient(userHttp, key.Key);

        Assert.Equal(user.Id, (await asUser.GetMeAsync()).User!.Id);
        var member = Assert.Single(await asUser.ListProjectMembersAsync(project.Id).CollectAsync());
        Assert.Equal("Owner", member.Role);
        Assert.Equal("sdk", Assert.Single(await asUser.ListApiKeysAsync(user.Id).CollectAsync()).Name);
        Assert.Contains(organization.Id, (await asUser.ListOrganizationsAsync().CollectAsync()).Select(o => o.Id));
        await asUser.RevokeApiKeyAsync(user.Id, key.Id);
        Assert.Empty(await admin.ListApiKeysAsync(user.Id).CollectAsync());
    }

    private async Task<Service> DeployAsync(string name, ServiceRuntime runtime, IReadOnlyList<string>? secrets = null)
    {
        using var zip = Packages.Zip();
        await Client.PushPackageAsync(Project, Packages.Schema(name), zip);
        return await Client.DeployServiceAsync(Project, new DeployServiceRequest(name, PackageName: name, Runtime: runtime, Secrets: secrets));
    }
}
