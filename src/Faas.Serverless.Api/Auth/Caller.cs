using System.Security.Claims;

namespace Faas.Serverless.Api.Auth;

/// <summary>The authenticated principal of a request: the platform admin or a user (bots are users).</summary>
public sealed record Caller(string Id, bool IsAdmin)
{
    public const string AdminId = "admin";
    public const string AdminClaim = "faas:admin";

    /// <summary>The id of the API key the request presented (<see cref="AdminId"/> for the admin key): what rate limits count.</summary>
    public const string KeyClaim = "faas:key";

    /// <summary>The project whose event key or SAS token the request presented; such a caller may only post its events.</summary>
    public const string EventProjectClaim = "faas:eventproject";

    /// <summary>The replica (or Container Apps job) a runner key was issued for; absent for keys people create.</summary>
    public const string RunnerClaim = "faas:runner";

    /// <summary>Prefix of the id of a project's event publisher, the caller behind its event key: <c>events:{projectId}</c>.</summary>
    public const string EventPublisherPrefix = "events:";

    public static Caller From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The request was not authenticated.");
        return new Caller(id, principal.HasClaim(AdminClaim, "true"));
    }
}
