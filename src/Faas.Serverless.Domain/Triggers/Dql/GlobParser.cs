using System.Text;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>Compiles glob syntax (docs/dql.md, "Globs") and explains what is wrong with a bad pattern.</summary>
internal static class GlobParser
{
    public static GlobPattern? TryParse(string pattern, out string? error)
    {
        var tokens = new List<GlobToken>();
        error = pattern.Length > DqlLimits.MaxPatternLength
            ? $"is longer than {DqlLimits.MaxPatternLength} characters"
            : ReadTokens(pattern, tokens);
        if (error is not null)
        {
            error = $"Invalid glob pattern '{pattern}': {error}.";
            return null;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == GlobTokenKind.DoubleStar && IsSlash(tokens, i + 1) && (i == 0 || IsSlash(tokens, i - 1)))
            {
                tokens[i] = tokens[i] with { SkipsSlash = true };
            }
        }

        return new GlobPattern([.. tokens]);
    }

    private static bool IsSlash(List<GlobToken> tokens, int index) =>
        index < tokens.Count && tokens[index] is { Kind: GlobTokenKind.Literal, Rune: '/' };

    private static string? ReadTokens(string pattern, List<GlobToken> tokens)
    {
        var position = 0;
        while (position < pattern.Length)
        {
            var start = position;
            var c = pattern[position];
            if (c == '*')
            {
                while (position < pattern.Length && pattern[position] == '*')
                {
                    position++;
                }

                tokens.Add(new GlobToken(position - start == 1 ? GlobTokenKind.Star : GlobTokenKind.DoubleStar));
            }
            else if (c == '?')
            {
                position++;
                tokens.Add(new GlobToken(GlobTokenKind.AnyChar));
            }
            else if (c == '[')
            {
                if (ReadClass(pattern, ref position, out var token) is { } classError)
                {
                    return classError;
                }

                tokens.Add(token);
            }
            else if (ReadRune(pattern, ref position, out var rune) is { } escapeError)
            {
                return escapeError;
            }
            else
            {
                tokens.Add(new GlobToken(GlobTokenKind.Literal, rune));
            }
        }

        return null;
    }

    private static string? ReadClass(string pattern, ref int position, out GlobToken token)
    {
        token = default;
        var open = position++;
        var negated = position < pattern.Length && pattern[position] is '!' or '^';
        position += negated ? 1 : 0;
        var ranges = new List<int>();
        while (position < pattern.Length && pattern[position] != ']')
        {
            var itemStart = position;
            if (ReadRune(pattern, ref position, out var low) is { } lowError)
            {
                return lowError;
            }

            var high = low;
            if (position + 1 < pattern.Length && pattern[position] == '-' && pattern[position + 1] != ']')
            {
                position++;
                if (ReadRune(pattern, ref position, out high) is { } highError)
                {
                    return highError;
                }

                if (high < low)
                {
                    return $"range '{pattern[itemStart..position]}' at index {itemStart} runs backwards";
                }
            }

            if (low == '/' || high == '/')
            {
                return $"character class at index {open} lists '/', which classes never match";
            }

            ranges.Add(low);
            ranges.Add(high);
        }

        if (position == pattern.Length)
        {
            return $"unclosed '[' at index {open}; close it with ']' or escape it as '\\['";
        }

        position++;
        token = new GlobToken(GlobTokenKind.Class, Ranges: [.. ranges], Negated: negated);
        return ranges.Count == 0 ? $"empty character class at index {open}" : null;
    }

    /// <summary>Reads one literal Unicode scalar, honouring a backslash escape.</summary>
    private static string? ReadRune(string pattern, ref int position, out int rune)
    {
        rune = 0;
        if (pattern[position] == '\\')
        {
            if (++position == pattern.Length)
            {
                return $"it ends with a lone '\\' at index {position - 1}; write '\\\\' for a backslash";
            }
        }

        Rune.DecodeFromUtf16(pattern.AsSpan(position), out var scalar, out var consumed);
        position += consumed;
        rune = scalar.Value;
        return null;
    }
}
