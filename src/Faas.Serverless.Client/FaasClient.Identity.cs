using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Client;

public sealed partial class FaasClient
{
    /// <summary>Says who the API key belongs to; <c>401</c> when it is not valid.</summary>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Caller> GetMeAsync(CancellationToken cancellationToken = default) =>
        GetAsync<Caller>("api/v1/me", cancellationToken);

    /// <summary>Creates an organization (admin only).</summary>
    /// <param name="name">Its name.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Organization> CreateOrganizationAsync(string name, CancellationToken cancellationToken = default) =>
        SendJsonAsync<Organization>(HttpMethod.Post, "api/v1/organizations", new { name }, cancellationToken);

    /// <summary>Lists the organizations the caller is a member of (every one for the admin).</summary>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<Organization> ListOrganizationsAsync(CancellationToken cancellationToken = default) =>
        ListAsync<Organization>("api/v1/organizations", QueryString.Empty, null, cancellationToken);

    /// <summary>Adds a user to an organization, or sets their role there.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="userId">The user.</param>
    /// <param name="role"><c>Member</c> or <c>Owner</c>.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<OrganizationMember> AddOrganizationMemberAsync(string organizationId, string userId, string role = "Member", CancellationToken cancellationToken = default) =>
        SendJsonAsync<OrganizationMember>(HttpMethod.Post, "api/v1/organizations/" + Escape(organizationId) + "/members", new { userId, role }, cancellationToken);

    /// <summary>Lists an organization's members.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<OrganizationMember> ListOrganizationMembersAsync(string organizationId, CancellationToken cancellationToken = default) =>
        ListAsync<OrganizationMember>("api/v1/organizations/" + Escape(organizationId) + "/members", QueryString.Empty, null, cancellationToken);

    /// <summary>Creates a user (admin only).</summary>
    /// <param name="email">A plain address, unique regardless of case.</param>
    /// <param name="name">The display name.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<User> CreateUserAsync(string email, string name, CancellationToken cancellationToken = default) =>
        SendJsonAsync<User>(HttpMethod.Post, "api/v1/users", new { email, name }, cancellationToken);

    /// <summary>Issues an API key for a user (themselves or, for the admin, anyone); the secret is in this answer only.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="name">A name for the key, such as <c>laptop</c>.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<IssuedApiKey> CreateApiKeyAsync(string userId, string name, CancellationToken cancellationToken = default) =>
        SendJsonAsync<IssuedApiKey>(HttpMethod.Post, KeysPath(userId), new { name }, cancellationToken);

    /// <summary>Lists a user's API keys, without their secrets.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<ApiKey> ListApiKeysAsync(string userId, CancellationToken cancellationToken = default) =>
        ListAsync<ApiKey>(KeysPath(userId), QueryString.Empty, null, cancellationToken);

    /// <summary>Revokes one of a user's API keys.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="keyId">The key.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task RevokeApiKeyAsync(string userId, string keyId, CancellationToken cancellationToken = default) =>
        DeleteAsync(KeysPath(userId) + "/" + Escape(keyId), cancellationToken);

    private static string KeysPath(string userId) => "api/v1/users/" + Escape(userId) + "/api-keys";
}
