using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace Faas.Serverless.Domain.Triggers.Cron;

/// <summary>
/// Parses cron text with Cronos: five fields, six with a leading seconds field, or a Cronos macro (@daily, ...).
/// Cronos needs to be told which of the two forms it reads, so the fields are counted here first.
/// </summary>
public static class CronSyntax
{
    public const int MaxLength = 256;

    // Cronos prefixes every message with this sentence; what follows names the field and the problem.
    private const string CronosPrefix = "The given cron expression has an invalid format. ";

    /// <param name="error">What is wrong, naming the field as Cronos does, e.g. "Hours: Value must be a number between 0 and 23 (all inclusive)."</param>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CronExpression? expression, [NotNullWhen(false)] out string? error)
    {
        expression = null;
        var trimmed = text?.Trim() ?? string.Empty;
        var fields = trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
        error = (trimmed, fields) switch
        {
            ({ Length: 0 }, _) => "the cron expression is empty",
            ({ Length: > MaxLength }, _) => $"the cron expression is longer than {MaxLength} characters",
            _ when trimmed.StartsWith('@') || fields is 5 or 6 => null,
            _ => $"expected 5 fields (minute hour day-of-month month day-of-week) or 6 with a leading second field, got {fields}",
        };
        if (error is not null)
        {
            return false;
        }

        try
        {
            expression = CronExpression.Parse(trimmed, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return true;
        }
        catch (CronFormatException ex)
        {
            var reason = ex.Message.StartsWith(CronosPrefix, StringComparison.Ordinal) ? ex.Message[CronosPrefix.Length..] : ex.Message;
            error = $"'{trimmed}' is not a valid cron expression: {reason}";
            return false;
        }
    }
}
