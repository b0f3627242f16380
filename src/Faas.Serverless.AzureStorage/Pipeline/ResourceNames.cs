using System.Text.RegularExpressions;

namespace Faas.Serverless.AzureStorage.Pipeline;

/// <summary>
/// Validates names before they become URL path segments, so a bad name fails fast with a clear message
/// instead of addressing some other resource.
/// </summary>
internal static partial class ResourceNames
{
    public static string Table(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TablePattern().IsMatch(name)
            ? name
            : throw new ArgumentException($"'{name}' is not a valid table name: 3-63 letters and digits, starting with a letter.", nameof(name));
    }

    public static string Container(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name is "$root" or "$logs" or "$web" || (DnsPattern().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal))
            ? name
            : throw new ArgumentException($"'{name}' is not a valid container name: 3-63 lowercase letters, digits and single hyphens, starting with a letter or digit.", nameof(name));
    }

    public static string Queue(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return DnsPattern().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal)
            ? name
            : throw new ArgumentException($"'{name}' is not a valid queue name: 3-63 lowercase letters, digits and single hyphens, starting with a letter or digit.", nameof(name));
    }

    public static string Blob(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // HTTP stacks collapse "." and ".." path segments, which would address a different blob.
        if (name.Length is 0 or > 1024 || name.Split('/').Any(segment => segment is "." or ".."))
        {
            throw new ArgumentException("A blob name must have 1-1024 characters and no '.' or '..' path segments.", nameof(name));
        }

        return name;
    }

    /// <summary>Escapes a blob name for the URL path, keeping '/' as the virtual directory separator.</summary>
    public static string EscapeBlob(string name) => string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TablePattern();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsPattern();
}
