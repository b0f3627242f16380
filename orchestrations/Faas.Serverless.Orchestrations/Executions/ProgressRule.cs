namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>
/// Progress is recorded in steps of at least 5 points, so a chatty function cannot flood the status log:
/// after 4, 7 is not recorded and 9 is. Reaching 100 is always recorded.
/// </summary>
internal static class ProgressRule
{
    public const int Step = 5;

    /// <summary>The value to record, or null when <paramref name="reported"/> is not worth an update.</summary>
    public static int? Record(int? lastRecorded, int? reported)
    {
        if (reported is not { } value)
        {
            return null;
        }

        var percent = Math.Clamp(value, 0, 100);
        if (lastRecorded is not { } last)
        {
            return percent;
        }

        return Math.Abs(percent - last) >= Step || (percent == 100 && last != 100) ? percent : null;
    }
}
