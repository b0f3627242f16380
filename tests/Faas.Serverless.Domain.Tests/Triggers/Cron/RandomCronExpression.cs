using System.Globalization;

namespace Faas.Serverless.Domain.Tests.Triggers.Cron;

/// <summary>
/// A random cron expression together with the value sets it stands for, and a naive reference search over those sets
/// written independently of Cronos.
/// </summary>
internal sealed class RandomCronExpression
{
    private readonly IReadOnlyList<SortedSet<int>> _sets;

    private RandomCronExpression(string text, IReadOnlyList<SortedSet<int>> sets)
    {
        Text = text;
        _sets = sets;
    }

    public string Text { get; }

    public static RandomCronExpression Create(Random random)
    {
        var withSeconds = random.Next(3) == 0;
        (int Min, int Max)[] ranges = [(0, 59), (0, 59), (0, 23), (1, 31), (1, 12), (0, 7)];
        var texts = new List<string>();
        var sets = new List<SortedSet<int>>();
        for (var i = 0; i < ranges.Length; i++)
        {
            // Seconds are "0" for 5 fields, and months stay dense enough for the reference to be quick.
            var (text, set) = i switch
            {
                0 when !withSeconds => ("0", new SortedSet<int> { 0 }),
                4 => random.Next(2) == 0 ? ("*", Range(1, 12, 1)) : Field(random, 1, 12),
                _ => Field(random, ranges[i].Min, ranges[i].Max),
            };
            if (i == 5 && set.Remove(7))
            {
                set.Add(0);
            }

            if (i > 0 || withSeconds)
            {
                texts.Add(text);
            }

            sets.Add(set);
        }

        var expression = new RandomCronExpression(string.Join(' ', texts), sets);
        return expression.Reference(new DateTime(2000, 1, 1)).Any() ? expression : Create(random);
    }

    /// <summary>Occurrences strictly after <paramref name="after"/>, searched day by day for 12 years.</summary>
    public IEnumerable<DateTime> Reference(DateTime after)
    {
        for (var day = after.Date; day < after.Date.AddYears(12); day = day.AddDays(1))
        {
            var dom = _sets[3].Contains(day.Day);
            var dow = _sets[5].Contains((int)day.DayOfWeek);
            // Cronos: a day matches when both day fields match it, restricted or not.
            if (!_sets[4].Contains(day.Month) || !(dom && dow))
            {
                continue;
            }

            foreach (var time in from h in _sets[2] from m in _sets[1] from s in _sets[0] select new TimeSpan(h, m, s))
            {
                if (day + time > after)
                {
                    yield return day + time;
                }
            }
        }
    }

    private static (string Text, SortedSet<int> Set) Field(Random random, int min, int max)
    {
        int Pick() => random.Next(min, max + 1);
        switch (random.Next(6))
        {
            case 0:
                return ("*", Range(min, max == 7 ? 6 : max, 1));
            case 1:
                var step = random.Next(1, Math.Min(max, 15) + 1);
                return ($"*/{step}", Range(min, max == 7 ? 6 : max, step));
            case 2:
                var (a, b) = Ordered(Pick(), Pick());
                return ($"{a}-{b}", Range(a, b, 1));
            case 3:
                var (from, to) = Ordered(Pick(), Pick());
                var rangeStep = random.Next(1, 6);
                return ($"{from}-{to}/{rangeStep}", Range(from, to, rangeStep));
            case 4:
                var values = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick()).ToList();
                return (string.Join(',', values.Select(v => v.ToString(CultureInfo.InvariantCulture))), new SortedSet<int>(values));
            default:
                var value = Pick();
                return (value.ToString(CultureInfo.InvariantCulture), new SortedSet<int> { value });
        }
    }

    private static (int, int) Ordered(int a, int b) => a <= b ? (a, b) : (b, a);

    private static SortedSet<int> Range(int from, int to, int step)
    {
        var set = new SortedSet<int>();
        for (var value = from; value <= to; value += step)
        {
            set.Add(value);
        }

        return set;
    }
}
