using Azure;
using Azure.Core;

namespace Faas.Serverless.AzureStorage.Tables;

internal static class TableQuery
{
    public static void Apply(RequestUriBuilder uri, string? filter, IReadOnlyList<string>? select, int? top, TableContinuation? continuation)
    {
        if (!string.IsNullOrWhiteSpace(filter))
        {
            uri.AppendQuery("$filter", filter);
        }

        ApplySelect(uri, select);

        if (top is { } limit)
        {
            uri.AppendQuery("$top", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (continuation is not null)
        {
            uri.AppendQuery("NextPartitionKey", continuation.NextPartitionKey);
            // The service omits NextRowKey to mean "from the start of the partition"; echo exactly what it sent.
            if (continuation.NextRowKey is not null)
            {
                uri.AppendQuery("NextRowKey", continuation.NextRowKey);
            }
        }
    }

    public static void ApplySelect(RequestUriBuilder uri, IReadOnlyList<string>? select)
    {
        if (select is { Count: > 0 })
        {
            // Without its keys a projected entity could not be addressed again.
            var columns = select.Union(["PartitionKey", "RowKey"], StringComparer.Ordinal);
            uri.AppendQuery("$select", string.Join(',', columns));
        }
    }

    public static TableContinuation? ContinuationOf(Response response) =>
        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var partitionKey) && partitionKey.Length > 0
            ? new TableContinuation(
                partitionKey,
                response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var rowKey) && rowKey.Length > 0 ? rowKey : null)
            : null;
}
