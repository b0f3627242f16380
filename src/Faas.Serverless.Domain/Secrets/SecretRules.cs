using System.Text;
using System.Text.RegularExpressions;

namespace Faas.Serverless.Domain.Secrets;

/// <summary>What a secret's name and value may be.</summary>
public static partial class SecretRules
{
    public const int MaxValueBytes = 64 * 1024;
    public const int MaxNameLength = 128;

    /// <summary>The most secrets one service may name.</summary>
    public const int MaxPerService = 100;

    public const string NameRule = "must match [A-Z_][A-Z0-9_]{0,127}: upper-case letters, digits and '_', not starting with a digit";

    // Secrets become environment variables of the worker: these would change how Python, the loader or the worker
    // itself behave, or hide the variables the platform sets.
    private static readonly string[] ReservedNames = ["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TZ"];
    private static readonly string[] ReservedPrefixes = ["FAAS_", "PYTHON", "LD_", "DOTNET_"];

    /// <returns>Why <paramref name="name"/> cannot name a secret, or null when it can.</returns>
    public static string? NameProblem(string? name) =>
        string.IsNullOrEmpty(name) ? "A secret name is required."
        : !NamePattern().IsMatch(name) ? $"Secret name '{Printable(name)}' is invalid: it {NameRule}."
        : ReservedNames.Contains(name, StringComparer.Ordinal) || ReservedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal))
            ? $"Secret name '{name}' is reserved: {string.Join(", ", ReservedNames)} and names starting with {string.Join(", ", ReservedPrefixes)} are the platform's."
        : null;

    /// <returns>Why <paramref name="value"/> cannot be a secret's value, or null when it can. Never quotes the value.</returns>
    public static string? ValueProblem(string? value) =>
        string.IsNullOrEmpty(value) ? "value is required: a non-empty string."
        : Encoding.UTF8.GetByteCount(value) > MaxValueBytes ? $"value must be at most {MaxValueBytes} bytes (UTF-8); it is {Encoding.UTF8.GetByteCount(value)}."
        : null;

    // A rejected name is echoed in the problem, so it is cut and kept to one line.
    private static string Printable(string name)
    {
        var cut = name.Length > MaxNameLength ? name[..MaxNameLength] + "…" : name;
        return new string(cut.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }

    [GeneratedRegex("^[A-Z_][A-Z0-9_]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
