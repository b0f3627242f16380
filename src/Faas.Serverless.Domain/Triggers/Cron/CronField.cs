namespace Faas.Serverless.Domain.Triggers.Cron;

/// <summary>One position of a cron expression: its name in messages, its value range and its accepted names.</summary>
/// <param name="Names">Names[i] stands for the value Min + i.</param>
/// <param name="AliasOfMin">A value that means the same as Min (7 for Sunday in day-of-week, as in Vixie cron).</param>
internal sealed record CronField(string Name, int Min, int Max, IReadOnlyList<string> Names, int? AliasOfMin = null)
{
    public static readonly CronField Second = new("second", 0, 59, []);
    public static readonly CronField Minute = new("minute", 0, 59, []);
    public static readonly CronField Hour = new("hour", 0, 23, []);
    public static readonly CronField DayOfMonth = new("day-of-month", 1, 31, []);
    public static readonly CronField Month = new("month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]);
    public static readonly CronField DayOfWeek = new("day-of-week", 0, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], AliasOfMin: 7);

    public static readonly IReadOnlyList<CronField> FiveFields = [Minute, Hour, DayOfMonth, Month, DayOfWeek];
    public static readonly IReadOnlyList<CronField> SixFields = [Second, Minute, Hour, DayOfMonth, Month, DayOfWeek];

    /// <summary>Where <c>*</c> and <c>a/step</c> end: the alias is left out so that <c>*/2</c> means 0,2,4,6 in day-of-week.</summary>
    public int ImplicitMax => AliasOfMin == Max ? Max - 1 : Max;

    /// <summary>The mask with every value of the field set, i.e. what <c>*</c> means.</summary>
    public ulong All => Mask(Min, ImplicitMax, 1);

    /// <summary>Folds the alias onto Min so that masks compare and match by their meaning.</summary>
    public ulong Normalize(ulong mask)
    {
        if (AliasOfMin is not { } alias || (mask & (1UL << alias)) == 0)
        {
            return mask;
        }

        return (mask & ~(1UL << alias)) | (1UL << Min);
    }

    public static ulong Mask(int from, int to, int step)
    {
        var mask = 0UL;
        for (var value = from; value <= to; value += step)
        {
            mask |= 1UL << value;
        }

        return mask;
    }
}
