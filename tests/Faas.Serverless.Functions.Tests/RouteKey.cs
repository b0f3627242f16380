using Microsoft.AspNetCore.Routing.Patterns;

namespace Faas.Serverless.Functions.Tests;

/// <summary>
/// A method and a route template in one spelling for both hosts: the full path (the Functions host's route prefix
/// included), no trailing slash, parameters by name without constraints or defaults, lowercase as routing compares.
/// </summary>
public static class RouteKey
{
    public static string Of(string method, RoutePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pattern);
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(Part)));
        return $"{method.ToUpperInvariant()} /{string.Join('/', segments)}".ToLowerInvariant();
    }

    public static string Of(string method, string prefix, string route) =>
        Of(method, RoutePatternFactory.Parse($"{prefix.Trim('/')}/{route.Trim('/')}"));

    private static string Part(RoutePatternPart part) => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart parameter => $"{{{(parameter.IsCatchAll ? "*" : string.Empty)}{parameter.Name}}}",
        _ => throw new NotSupportedException($"Unknown route part {part.GetType().Name}."),
    };
}
