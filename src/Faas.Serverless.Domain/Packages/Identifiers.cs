namespace Faas.Serverless.Domain.Packages;

/// <summary>Naming rules shared by package, module, function and input names.</summary>
public static class Identifiers
{
    public const int MaxNameLength = 100;

    public const string NameRule =
        "must be 1-100 characters of letters, digits, '-', '_' or '.', starting with a letter or digit";

    // The names are exchanged with Python code (method and parameter names), so Python's own rules apply;
    // ASCII only keeps them safe to use in URLs, logs and other languages' workers.
    public const string PythonIdentifierRule =
        "must be a valid Python identifier: ASCII letters, digits and '_', not starting with a digit";

    private static readonly HashSet<string> PythonKeywords = new(StringComparer.Ordinal)
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
        "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    };

    /// <summary>Package and module names: 1-100 of <c>[A-Za-z0-9._-]</c>, starting with a letter or digit.</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength }
        && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Why <paramref name="name"/> is not a usable Python identifier, or null when it is.</summary>
    public static string? PythonIdentifierProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsAsciiIdentifier(name))
        {
            return PythonIdentifierRule;
        }

        if (name.Length > MaxNameLength)
        {
            return $"must be at most {MaxNameLength} characters";
        }

        return PythonKeywords.Contains(name) ? "must not be a Python keyword" : null;
    }

    private static bool IsAsciiIdentifier(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
