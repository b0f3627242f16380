using System.Text.RegularExpressions;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Api.Triggers;

/// <summary>The events of a request were refused; nothing fired. Every problem is listed under its field path.</summary>
internal sealed partial class InvalidEventsException(EventContentMode mode, ValidationErrors errors)
    : Exception($"The {mode} events are invalid: {errors}")
{
    public EventContentMode Mode { get; } = mode;

    public ValidationErrors Errors { get; } = errors;

    /// <summary>
    /// Files a library's refusal (CloudNative.CloudEvents, Azure.Messaging.EventGrid) under the attribute its message
    /// names, e.g. "Text for attribute 'time' is invalid" under <c>{path}time</c>, else under the field <paramref name="fallback"/>.
    /// </summary>
    public static void AddLibraryError(ValidationErrors errors, string path, string fallback, Exception exception)
    {
        var parameter = (exception as ArgumentException)?.ParamName;
        var named = AttributeName().Match(exception.Message);
        var field = named.Success ? path + named.Groups[1].Value
            : parameter is { Length: > 0 } and not "data" and not "text" and not "value" ? path + char.ToLowerInvariant(parameter[0]) + parameter[1..]
            : fallback;
        var message = exception is ArgumentNullException ? $"{field} is required." : exception.Message;
        errors.Add(field, message);
    }

    [GeneratedRegex(@"attribute '([A-Za-z0-9]+)'", RegexOptions.CultureInvariant)]
    private static partial Regex AttributeName();
}
