using System.Security.Claims;

namespace Faas.Serverless.Functions.Auth;

/// <summary>The authenticated principal of a request: the platform admin or a user (bots are users).</summary>
public sealed record Caller(string Id, bool IsAdmin)
{
    public const string AdminId = "admin";
    public const string AdminClaim = "faas:admin";

    public static Caller From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The request was not authenticated.");
        return new Caller(id, principal.HasClaim(AdminClaim, "true"));
    }
}
