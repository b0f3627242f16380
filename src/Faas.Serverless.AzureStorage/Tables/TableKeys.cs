namespace Faas.Serverless.AzureStorage.Tables;

internal static class TableKeys
{
    public static string Validate(string key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        foreach (var character in key)
        {
            if (character is '/' or '\\' or '#' or '?' || char.IsControl(character))
            {
                throw new ArgumentException("Table keys cannot contain '/', '\\', '#', '?' or control characters.", parameterName);
            }
        }

        return key;
    }

    /// <summary>
    /// The entity's address, <c>/table(PartitionKey='pk',RowKey='rk')</c>: quotes doubled as in any OData literal,
    /// then URL-escaped so that '%', spaces and non-ASCII keys survive.
    /// </summary>
    public static string EntityPath(string table, string partitionKey, string rowKey) =>
        $"/{table}(PartitionKey='{Literal(Validate(partitionKey, nameof(partitionKey)))}',RowKey='{Literal(Validate(rowKey, nameof(rowKey)))}')";

    private static string Literal(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
}
