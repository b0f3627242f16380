using System.Globalization;
using System.Text;

namespace Faas.Serverless.Client;

/// <summary>An immutable query string builder that leaves out null values.</summary>
internal readonly record struct QueryString(string Value)
{
    public static QueryString Empty { get; } = new(string.Empty);

    public QueryString With(string name, string? value) =>
        value is null ? this : new QueryString(new StringBuilder(Value).Append(Value.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value)).ToString());

    public QueryString With(string name, int? value) => With(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryString With(string name, DateTimeOffset? value) => With(name, value?.ToString("O", CultureInfo.InvariantCulture));

    public override string ToString() => Value;
}
