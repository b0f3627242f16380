namespace Faas.Serverless.Domain.Packages;

/// <summary>
/// Finds top-level <c>class Name</c> statements without a Python parser: a statement counts when
/// <c>class</c> starts a logical line at column 0 in code, so comments, string literals (including
/// multi-line docstrings) and indented (nested or conditional) classes are ignored.
/// </summary>
public static class PythonClassFinder
{
    public static IReadOnlyList<string> FindTopLevelClasses(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var classes = new List<string>();
        var quote = '\0';
        var tripleQuoted = false;
        var lineStart = true;
        var i = source.Length > 0 && source[0] == '\uFEFF' ? 1 : 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i += EscapeLength(source, i);
                    continue;
                }

                if (c == quote && (!tripleQuoted || IsTripleQuote(source, i)))
                {
                    i += tripleQuoted ? 3 : 1;
                    quote = '\0';
                    continue;
                }

                if (!tripleQuoted && c is '\n' or '\r')
                {
                    // An unterminated one-line string is a syntax error; end it with its line so the rest is still scanned.
                    quote = '\0';
                    lineStart = true;
                }

                i++;
                continue;
            }

            if (lineStart && ReadClassName(source, i) is { } name && !classes.Contains(name))
            {
                classes.Add(name);
            }

            lineStart = c is '\n' or '\r';
            switch (c)
            {
                case '#':
                    i = source.IndexOfAny(['\n', '\r'], i) is var end and >= 0 ? end : source.Length;
                    break;
                case '\\':
                    // An explicit line continuation: the next physical line does not start a statement.
                    i += EscapeLength(source, i);
                    break;
                case '"' or '\'':
                    quote = c;
                    tripleQuoted = IsTripleQuote(source, i);
                    i += tripleQuoted ? 3 : 1;
                    break;
                default:
                    i++;
                    break;
            }
        }

        return classes;
    }

    private static int EscapeLength(string source, int index) =>
        source.AsSpan(index).StartsWith("\\\r\n", StringComparison.Ordinal) ? 3 : 2;

    private static bool IsTripleQuote(string source, int index) =>
        index + 2 < source.Length && source[index + 1] == source[index] && source[index + 2] == source[index];

    private static string? ReadClassName(string source, int index)
    {
        const string Keyword = "class";
        if (!source.AsSpan(index).StartsWith(Keyword, StringComparison.Ordinal))
        {
            return null;
        }

        var start = index + Keyword.Length;
        var nameStart = start;
        while (nameStart < source.Length && source[nameStart] is ' ' or '\t')
        {
            nameStart++;
        }

        if (nameStart == start || nameStart == source.Length || !IsIdentifierStart(source[nameStart]))
        {
            return null;
        }

        var nameEnd = nameStart + 1;
        while (nameEnd < source.Length && IsIdentifierPart(source[nameEnd]))
        {
            nameEnd++;
        }

        return source[nameStart..nameEnd];
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';
}
