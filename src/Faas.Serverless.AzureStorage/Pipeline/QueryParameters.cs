namespace Faas.Serverless.AzureStorage.Pipeline;

internal static class QueryParameters
{
    /// <summary>
    /// Decoded, lowercased query parameters as the canonicalized resource wants them: repeated names are merged
    /// into one comma-separated value.
    /// </summary>
    public static IEnumerable<(string Name, string Value)> Parse(string query) =>
        query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => (Name: Uri.UnescapeDataString(parts[0]).ToLowerInvariant(), Value: parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty))
            .GroupBy(parameter => parameter.Name, StringComparer.Ordinal)
            .Select(group => (group.Key, string.Join(',', group.Select(parameter => parameter.Value).Order(StringComparer.Ordinal))));
}
