using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Stores.Identity;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Stores.Tests;

[Collection("Azurite")]
public sealed class IdentityStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CreateAsync_EmailTakenInAnotherCase_ThrowsConflict()
    {
        var users = new TableUserStore(await StoreScope.CreateAsync(azurite));
        await users.CreateAsync(User("o'brien+tag#1@example.com"));

        await Assert.ThrowsAsync<ConflictException>(() => users.CreateAsync(User("O'Brien+TAG#1@example.com")));
    }

    [Fact]
    public async Task ListAsync_ManyUsers_ListsUsersNotEmailReservations()
    {
        var users = new TableUserStore(await StoreScope.CreateAsync(azurite));
        for (var i = 0; i < 7; i++)
        {
            await users.CreateAsync(User($"u{i}@example.com"));
        }

        var seen = new List<User>();
        string? token = null;
        do
        {
            var page = await users.ListAsync(new PageRequest(3, token));
            seen.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(7, seen.Select(u => u.Email).Distinct().Count());
    }

    [Fact]
    public async Task ListForUserAsync_RemovedMembership_IsNotListed()
    {
        var tables = await StoreScope.CreateAsync(azurite);
        var projects = new TableProjectStore(tables);
        var a = new Project(Ids.New(), "A", "org", Now, "admin");
        var b = new Project(Ids.New(), "B", "org", Now, "admin");
        await projects.CreateAsync(a, new ProjectMember(a.Id, "user-1", ProjectRole.Owner, Now));
        await projects.CreateAsync(b, null);
        await projects.SetMemberAsync(new ProjectMember(b.Id, "user-1", ProjectRole.Viewer, Now));

        await projects.RemoveMemberAsync(b.Id, "user-1");

        Assert.Equal([a.Id], (await projects.ListForUserAsync("user-1")).Select(p => p.Id));
        Assert.Null(await projects.GetMemberAsync(b.Id, "user-1"));
    }

    [Fact]
    public async Task FindByHashAsync_AfterDelete_ReturnsNull()
    {
        var keys = new TableApiKeyStore(await StoreScope.CreateAsync(azurite));
        var secret = ApiKeys.NewSecret();
        var key = new ApiKey(Ids.New(), "user-1", "ci", ApiKeys.Hash(secret), Now);
        await keys.CreateAsync(key);
        Assert.Equal(key, await keys.FindByHashAsync(ApiKeys.Hash(secret)));

        Assert.True(await keys.DeleteAsync("user-1", key.Id));

        Assert.Null(await keys.FindByHashAsync(ApiKeys.Hash(secret)));
        Assert.Empty(await keys.ListAsync("user-1"));
    }

    [Fact]
    public async Task SetMemberAsync_Twice_KeepsOneMemberWithTheLatestRole()
    {
        var organizations = new TableOrganizationStore(await StoreScope.CreateAsync(azurite));
        var organization = new Organization(Ids.New(), "Org", Now, "admin");
        await organizations.CreateAsync(organization);

        await organizations.SetMemberAsync(new OrganizationMember(organization.Id, "user-1", OrganizationRole.Member, Now));
        await organizations.SetMemberAsync(new OrganizationMember(organization.Id, "user-1", OrganizationRole.Owner, Now));

        var member = Assert.Single(await organizations.ListMembersAsync(organization.Id));
        Assert.Equal(OrganizationRole.Owner, member.Role);
        Assert.Equal([organization.Id], (await organizations.ListForUserAsync("user-1")).Select(o => o.Id));
    }

    private static User User(string email) => new(Ids.New(), email, "Name", IsBot: false, Now, "admin");
}
