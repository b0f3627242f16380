using System.Security.Claims;

namespace Faas.Serverless.Functions.Auth;

/// <summary>The authenticated principal of a request: the platform admin or a user (bots are users).</summary>
public sealed record Caller(string Id, bool IsAdmin)
{
    public const string AdminId = "admin";
    public const string AdminClaim = "faas:admin";

    /// <summary>The id of the API key the request presented (<see cref="AdminId"/> for the admin key): what rate limits count.</summary>
    public const string KeyClaim = "faas:key";

    public static Caller From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The request was not authenticated.");
        return new Caller(id, principal.HasClaim(AdminClaim, "true"));
    }
}
