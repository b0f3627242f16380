using System.Text.RegularExpressions;

namespace Faas.Serverless.Api.Http;

/// <summary>
/// Refuses a malformed id in any route parameter before a handler or another filter reaches storage. Ids the
/// platform makes are 32 hex digits (<c>Ids.New</c>), <c>admin</c> for the platform admin and
/// <c>{serviceId}-v{n}-r{n}</c> for replicas; an id outside this pattern names no stored row, and storage would
/// refuse it as a key (<c>/</c>, <c>#</c>, <c>?</c>, control characters) or retry it slowly (a huge one).
/// </summary>
internal sealed partial class RouteIdFilter : IEndpointFilter
{
    public const int MaxLength = 128;

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var (name, value) in context.HttpContext.Request.RouteValues)
        {
            if (IsIdParameter(name) && value is string id && !IsValid(id))
            {
                return ValueTask.FromResult<object?>(Problems.Invalid(name, $"{name} must be 1-{MaxLength} characters of ASCII letters, digits, '-' or '_', starting with a letter or digit."));
            }
        }

        return next(context);
    }

    public static bool IsValid(string id) => id.Length <= MaxLength && IdPattern().IsMatch(id);

    private static bool IsIdParameter(string name) =>
        name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Id", StringComparison.Ordinal);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
