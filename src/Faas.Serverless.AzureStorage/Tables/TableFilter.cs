using System.Globalization;

namespace Faas.Serverless.AzureStorage;

/// <summary>Builds OData filters with every value rendered as a typed literal, never spliced as raw text.</summary>
public static class TableFilter
{
    /// <summary>A string literal: <c>O'Brien</c> becomes <c>'O''Brien'</c>.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>
    /// Formats <c>$"PartitionKey eq {pk} and Count gt {n}"</c> with each argument as a literal of its type:
    /// string, bool, int, long (L suffix), double, DateTimeOffset or UTC DateTime (datetime'...'), Guid (guid'...'),
    /// byte[] (X'...').
    /// </summary>
    public static string Format(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var literals = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    private static string Literal(object? value) => value switch
    {
        string text => Quote(text),
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture) + "L",
        double number when double.IsFinite(number) => DoubleLiteral(number),
        double => throw new ArgumentException("NaN and infinities cannot appear in a table filter."),
        DateTimeOffset moment => $"datetime'{Tables.TableEntityJson.FormatDateTime(moment)}'",
        DateTime { Kind: DateTimeKind.Utc } moment => $"datetime'{Tables.TableEntityJson.FormatDateTime(moment)}'",
        Guid guid => $"guid'{guid:D}'",
        byte[] bytes => $"X'{Convert.ToHexStringLower(bytes)}'",
        null => throw new ArgumentException("Filters cannot compare with null; table properties are either present or absent."),
        DateTime => throw new ArgumentException("A DateTime filter value must be UTC (DateTimeKind.Utc)."),
        _ => throw new ArgumentException($"Values of type {value.GetType().Name} cannot appear in a table filter."),
    };

    // An integral double still needs a decimal point, or the service compares it as an Int32.
    private static string DoubleLiteral(double number)
    {
        var text = number.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E') < 0 ? text + ".0" : text;
    }
}
