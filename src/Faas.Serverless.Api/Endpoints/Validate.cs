using System.Net.Mail;

namespace Faas.Serverless.Api.Endpoints;

/// <summary>Field checks shared by request bodies; each returns the error message or null when the value is fine.</summary>
internal static class Validate
{
    public static string? Name(string? value, string field, int maxLength = 100) =>
        string.IsNullOrWhiteSpace(value) ? $"{field} is required."
        : value.Length > maxLength ? $"{field} must be at most {maxLength} characters."
        : value.Any(char.IsControl) ? $"{field} must not contain control characters."
        : null;

    public static string? Email(string? value) =>
        string.IsNullOrWhiteSpace(value) ? "email is required."
        : value.Length > 254 || !MailAddress.TryCreate(value, out var parsed) || parsed.Address != value.Trim() ? $"'{value}' is not a valid email address."
        : null;

    public static bool TryParseRole<TEnum>(string? value, out TEnum role)
        where TEnum : struct, Enum =>
        Enum.TryParse(value, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(value, out _);

    public static string RoleMessage<TEnum>(string? value)
        where TEnum : struct, Enum =>
        $"'{value}' is not a role; use one of: {string.Join(", ", Enum.GetNames<TEnum>())}.";

    public static Dictionary<string, string[]> Errors(params (string Field, string? Message)[] checks) =>
        checks.Where(check => check.Message is not null).ToDictionary(check => check.Field, check => new[] { check.Message! });
}
