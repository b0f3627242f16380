using System.Globalization;

namespace Faas.Serverless.Domain.Tests.Triggers.Cron;

/// <summary>Compact time literals for the cron tests.</summary>
internal static class CronTime
{
    /// <summary>An instant from ISO 8601 text with an offset, e.g. "2024-03-31T00:45:00Z".</summary>
    public static DateTimeOffset At(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary>A wall-clock time from "yyyy-MM-ddTHH:mm:ss".</summary>
    public static DateTime Local(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary>The instant whose UTC wall clock reads "yyyy-MM-ddTHH:mm:ss".</summary>
    public static DateTimeOffset Utc(string text) => new(Local(text), TimeSpan.Zero);

    public static string Format(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Join(IEnumerable<DateTimeOffset> instants) => string.Join(" ", instants.Select(Format));
}
