using System.Text;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>
/// A compiled glob, matched by simulating all pattern positions at once (an NFA over Unicode scalars): time is
/// length(text) × length(pattern) with no backtracking, memory is two stack bitmaps, nothing is allocated.
/// </summary>
internal sealed class GlobPattern
{
    private readonly GlobToken[] _tokens;

    internal GlobPattern(GlobToken[] tokens)
    {
        _tokens = tokens;
    }

    /// <summary>Strings with any of these are patterns; all others compare literally, backslashes included.</summary>
    public static bool LooksLikePattern(string value) => value.AsSpan().IndexOfAny("*?[") >= 0;

    public bool IsMatch(ReadOnlySpan<char> text)
    {
        // Tokens never outnumber pattern characters, so the limit bounds the state sets.
        Span<bool> current = stackalloc bool[DqlLimits.MaxPatternLength + 1];
        Span<bool> next = stackalloc bool[DqlLimits.MaxPatternLength + 1];
        current = current[..(_tokens.Length + 1)];
        next = next[..(_tokens.Length + 1)];
        current.Clear();
        Enter(current, 0);

        var position = 0;
        while (position < text.Length)
        {
            Rune.DecodeFromUtf16(text[position..], out var rune, out var consumed);
            position += consumed;
            next.Clear();
            var alive = false;
            for (var state = 0; state < _tokens.Length; state++)
            {
                if (current[state])
                {
                    alive |= Step(next, state, rune.Value);
                }
            }

            if (!alive)
            {
                return false;
            }

            var swap = current;
            current = next;
            next = swap;
        }

        return current[_tokens.Length];
    }

    private bool Step(Span<bool> next, int state, int rune)
    {
        var token = _tokens[state];
        var target = token.Kind switch
        {
            GlobTokenKind.Literal when rune == token.Rune => state + 1,
            GlobTokenKind.AnyChar or GlobTokenKind.Class when rune != '/' && token.Accepts(rune) => state + 1,
            GlobTokenKind.Star when rune != '/' => state,
            GlobTokenKind.DoubleStar => state,
            _ => -1,
        };
        if (target < 0)
        {
            return false;
        }

        Enter(next, target, looped: target == state);
        return true;
    }

    /// <summary>Activates a state and the states reachable without reading: stars may match nothing.</summary>
    /// <param name="looped">A star consumed a character and stays; only a fresh "**" may still be skipped with its slash.</param>
    private void Enter(Span<bool> states, int state, bool looped = false)
    {
        while (true)
        {
            var star = state < _tokens.Length && _tokens[state].Kind is GlobTokenKind.Star or GlobTokenKind.DoubleStar;

            // "a/**/b" also matches "a/b": an empty "**" may take the following slash with it.
            if (star && !looped && _tokens[state].SkipsSlash)
            {
                Enter(states, state + 2);
            }

            if (states[state])
            {
                return;
            }

            states[state] = true;
            if (!star)
            {
                return;
            }

            state++;
            looped = false;
        }
    }
}

internal enum GlobTokenKind
{
    Literal,
    AnyChar,
    Class,
    Star,
    DoubleStar,
}

/// <param name="Ranges">For a class: inclusive code point ranges, flattened as start, end, start, end, ….</param>
internal readonly record struct GlobToken(GlobTokenKind Kind, int Rune = 0, int[]? Ranges = null, bool Negated = false, bool SkipsSlash = false)
{
    public bool Accepts(int rune)
    {
        if (Ranges is null)
        {
            return true;
        }

        var inside = false;
        for (var i = 0; i < Ranges.Length && !inside; i += 2)
        {
            inside = rune >= Ranges[i] && rune <= Ranges[i + 1];
        }

        return inside != Negated;
    }
}
