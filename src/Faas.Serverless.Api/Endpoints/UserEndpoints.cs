using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;

namespace Faas.Serverless.Api.Endpoints;

public sealed record CreateUserRequest(string? Email, string? Name);

public sealed record CreateApiKeyRequest(string? Name);

/// <summary>An API key as listed: never the secret, which exists only in <see cref="IssuedApiKeyResponse"/>.</summary>
public sealed record ApiKeyResponse(string Id, string UserId, string Name, DateTimeOffset CreatedAt);

public sealed record IssuedApiKeyResponse(string Id, string UserId, string Name, DateTimeOffset CreatedAt, string Key);

public sealed record MeResponse(string Id, bool IsAdmin, User? User);

internal static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMeAsync).WithTags("Users");
        var group = api.MapGroup("/users").WithTags("Users");
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{userId}", GetAsync);
        group.MapPost("/{userId}/api-keys", CreateKeyAsync);
        group.MapGet("/{userId}/api-keys", ListKeysAsync);
        group.MapDelete("/{userId}/api-keys/{keyId}", RevokeKeyAsync);
    }

    private static async Task<Ok<MeResponse>> GetMeAsync(HttpContext http, IUserStore users, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var user = caller.IsAdmin ? null : await users.GetAsync(caller.Id, cancellationToken);
        return TypedResults.Ok(new MeResponse(caller.Id, caller.IsAdmin, user));
    }

    private static async Task<Results<Created<User>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, HttpContext http, IUserStore users, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        if (!caller.IsAdmin)
        {
            return Problems.Forbidden("Only the platform admin creates users; bots are created per project.");
        }

        var errors = Validate.Errors(("email", Validate.Email(request.Email)), ("name", Validate.Name(request.Name, "name")));
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var user = new User(Ids.New(), request.Email!.Trim(), request.Name!.Trim(), IsBot: false, clock.GetUtcNow(), caller.Id);
        await users.CreateAsync(user, cancellationToken);
        return TypedResults.Created($"/api/v1/users/{user.Id}", user);
    }

    private static async Task<Results<Ok<Page<User>>, ProblemHttpResult>> ListAsync(
        HttpContext http, IUserStore users, int? pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        Caller.From(http.User).IsAdmin
            ? TypedResults.Ok(await users.ListAsync(Paging.Request(pageSize, continuationToken), cancellationToken))
            : Problems.Forbidden("Only the platform admin lists users.");

    private static async Task<Results<Ok<User>, ProblemHttpResult>> GetAsync(
        string userId, HttpContext http, IUserStore users, CancellationToken cancellationToken)
    {
        var user = CanManage(http, userId) ? await users.GetAsync(userId, cancellationToken) : null;
        return user is null ? Problems.NotFound(NotFoundMessage(userId)) : TypedResults.Ok(user);
    }

    private static async Task<Results<Created<IssuedApiKeyResponse>, ValidationProblem, ProblemHttpResult>> CreateKeyAsync(
        string userId, CreateApiKeyRequest request, HttpContext http, IUserStore users, IApiKeyStore keys, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!CanManage(http, userId) || await users.GetAsync(userId, cancellationToken) is null)
        {
            return Problems.NotFound(NotFoundMessage(userId));
        }

        if (Validate.Name(request.Name, "name") is { } error)
        {
            return Problems.Invalid("name", error);
        }

        var secret = ApiKeys.NewSecret();
        var key = new ApiKey(Ids.New(), userId, request.Name!.Trim(), ApiKeys.Hash(secret), clock.GetUtcNow());
        await keys.CreateAsync(key, cancellationToken);
        return TypedResults.Created(
            $"/api/v1/users/{userId}/api-keys/{key.Id}",
            new IssuedApiKeyResponse(key.Id, key.UserId, key.Name, key.CreatedAt, secret));
    }

    private static async Task<Results<Ok<Page<ApiKeyResponse>>, ProblemHttpResult>> ListKeysAsync(
        string userId, HttpContext http, IApiKeyStore keys, CancellationToken cancellationToken)
    {
        if (!CanManage(http, userId))
        {
            return Problems.NotFound(NotFoundMessage(userId));
        }

        var listed = await keys.ListAsync(userId, cancellationToken);
        return TypedResults.Ok(Paging.All<ApiKeyResponse>([.. listed.Select(k => new ApiKeyResponse(k.Id, k.UserId, k.Name, k.CreatedAt))]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKeyAsync(
        string userId, string keyId, HttpContext http, IApiKeyStore keys, IMemoryCache cache, CancellationToken cancellationToken)
    {
        if (!CanManage(http, userId))
        {
            return Problems.NotFound(NotFoundMessage(userId));
        }

        var key = (await keys.ListAsync(userId, cancellationToken)).FirstOrDefault(k => k.Id == keyId);
        if (key is null || !await keys.DeleteAsync(userId, keyId, cancellationToken))
        {
            return Problems.NotFound($"API key '{keyId}' was not found for user '{userId}'.");
        }

        ApiKeyAuthenticationHandler.Forget(cache, key.Hash);
        return TypedResults.NoContent();
    }

    /// <summary>Users manage themselves; only the admin manages others. Anyone else sees 404.</summary>
    private static bool CanManage(HttpContext http, string userId)
    {
        var caller = Caller.From(http.User);
        return caller.IsAdmin || caller.Id == userId;
    }

    private static string NotFoundMessage(string userId) => $"User '{userId}' was not found.";
}
