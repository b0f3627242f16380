using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Functions.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Functions.Auth;

/// <summary>
/// Accepts <c>Authorization: Bearer {key}</c> (or <c>x-api-key</c>, or <c>?code=</c> on the event ingress routes)
/// holding the admin key or a user's API key.
/// Resolved keys are cached briefly so that the hot path does not pay a storage round trip per request.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<AuthOptions> authOptions,
    IApiKeyStore keys,
    IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadKey(Context);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (FixedTimeEquals(presented, authOptions.Value.AdminKey))
        {
            return Success(Caller.AdminId, Caller.AdminId, isAdmin: true);
        }

        var hash = ApiKeys.Hash(presented);
        var cacheLifetime = TimeSpan.FromSeconds(authOptions.Value.KeyCacheSeconds);
        var key = cacheLifetime == TimeSpan.Zero
            ? await keys.FindByHashAsync(hash, Context.RequestAborted)
            : await cache.GetOrCreateAsync(CacheKey(hash), async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = cacheLifetime;
                return await keys.FindByHashAsync(hash, Context.RequestAborted);
            });
        return key is null ? AuthenticateResult.Fail("The API key is not valid or was revoked.") : Success(key.UserId, key.Id, isAdmin: false);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Authentication required",
            detail: "Send an API key as 'Authorization: Bearer <key>'.").ExecuteAsync(Context);
    }

    /// <summary>Revocation on this host takes effect at once; other hosts notice within the cache lifetime.</summary>
    public static void Forget(IMemoryCache cache, string hash) => cache.Remove(CacheKey(hash));

    private static string CacheKey(string hash) => "apikey:" + hash;

    private static AuthenticateResult Success(string userId, string keyId, bool isAdmin)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId), new(Caller.KeyClaim, keyId) };
        if (isAdmin)
        {
            claims.Add(new Claim(Caller.AdminClaim, "true"));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private static string? ReadKey(HttpContext context)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = request.Headers["x-api-key"].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        // Routing has already picked the endpoint: only routes that opt in read a key from the URL.
        var code = request.Query[QueryKeyAllowedAttribute.Parameter].ToString();
        return code.Length > 0 && context.GetEndpoint()?.Metadata.GetMetadata<QueryKeyAllowedAttribute>() is not null ? code : null;
    }

    private static bool FixedTimeEquals(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right));
}
