using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Api.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Api.Auth;

/// <summary>
/// Accepts <c>Authorization: Bearer {key}</c> (or <c>x-api-key</c>) holding the admin key or a user's API key. The
/// event ingress routes also read <c>aeg-sas-key</c> and <c>?code=</c>, which may hold the project's event key too,
/// and SAS tokens made from the event key (<c>aeg-sas-token</c>, <c>Authorization: SharedAccessSignature</c>).
/// Resolved keys are cached briefly so that the hot path does not pay a storage round trip per request.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<AuthOptions> authOptions,
    IApiKeyStore keys,
    EventKeys eventKeys,
    TimeProvider clock,
    IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Routing has already picked the endpoint: only the ingress routes read the publishers' forms.
        var ingressProject = Context.GetEndpoint()?.Metadata.GetMetadata<EventIngressAttribute>() is not null ? Context.GetRouteValue("projectId") as string : null;
        if (ingressProject is not null && ReadSasToken(Request) is { } token)
        {
            var refusal = EventSasTokens.Check(token, eventKeys.KeyFor(ingressProject), (Request.PathBase + Request.Path).Value ?? string.Empty, clock.GetUtcNow());
            return refusal is null ? EventPublisher(ingressProject) : AuthenticateResult.Fail(refusal);
        }

        var presented = ReadKey(Request, ingress: ingressProject is not null);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (ingressProject is not null && eventKeys.IsKeyOf(ingressProject, presented))
        {
            return EventPublisher(ingressProject);
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
        return key is null ? AuthenticateResult.Fail("The API key is not valid or was revoked.") : Success(key.UserId, key.Id, isAdmin: false, runner: key.RunnerReplicaId);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var ingress = Context.GetEndpoint()?.Metadata.GetMetadata<EventIngressAttribute>() is not null;
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        var forms = ingress ? EventIngressAttribute.AcceptedForms : "Send an API key as 'Authorization: Bearer <key>'.";
        Response.Headers.WWWAuthenticate = ingress ? "Bearer, SharedAccessSignature" : "Bearer";
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Authentication required",
            detail: failure is null ? forms : $"{failure} {forms}").ExecuteAsync(Context);
    }

    /// <summary>Revocation on this host takes effect at once; other hosts notice within the cache lifetime.</summary>
    public static void Forget(IMemoryCache cache, string hash) => cache.Remove(CacheKey(hash));

    private static string CacheKey(string hash) => "apikey:" + hash;

    private static AuthenticateResult EventPublisher(string projectId) =>
        Success(Caller.EventPublisherPrefix + projectId, Caller.EventPublisherPrefix + projectId, isAdmin: false, eventProject: projectId);

    private static AuthenticateResult Success(string userId, string keyId, bool isAdmin, string? eventProject = null, string? runner = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId), new(Caller.KeyClaim, keyId) };
        if (isAdmin)
        {
            claims.Add(new Claim(Caller.AdminClaim, "true"));
        }

        if (eventProject is not null)
        {
            claims.Add(new Claim(Caller.EventProjectClaim, eventProject));
        }

        if (runner is not null)
        {
            claims.Add(new Claim(Caller.RunnerClaim, runner));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private static string? ReadSasToken(HttpRequest request)
    {
        var header = request.Headers[EventIngressAttribute.TokenHeader].ToString();
        var authorization = request.Headers.Authorization.ToString();
        return header.Length > 0 ? header
            : authorization.StartsWith(EventIngressAttribute.SasScheme, StringComparison.OrdinalIgnoreCase) ? authorization[EventIngressAttribute.SasScheme.Length..].Trim()
            : null;
    }

    private static string? ReadKey(HttpRequest request, bool ingress)
    {
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

        var eventGrid = ingress ? request.Headers[EventIngressAttribute.KeyHeader].ToString() : string.Empty;
        var code = ingress ? request.Query[EventIngressAttribute.CodeParameter].ToString() : string.Empty;
        return eventGrid.Length > 0 ? eventGrid : code.Length > 0 ? code : null;
    }

    private static bool FixedTimeEquals(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right));
}
