using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Common;

namespace Faas.Serverless.Stores;

internal static class TablePaging
{
    /// <summary>
    /// Reads one API page. Table storage may return short or empty pages with a continuation, so this keeps
    /// reading until the page is full or the listing ends, and hands the caller an opaque token.
    /// </summary>
    public static async Task<Page<T>> ReadPageAsync<T>(
        TableClient table,
        string filter,
        PageRequest page,
        Func<TableEntity, T> map,
        CancellationToken cancellationToken = default)
    {
        var continuation = ParseToken(page.ContinuationToken);
        var items = new List<T>(page.PageSize);
        do
        {
            var result = await table.QueryPageAsync(filter, top: page.PageSize - items.Count, continuation: continuation, cancellationToken: cancellationToken);
            items.AddRange(result.Entities.Select(map));
            continuation = result.Continuation;
        }
        while (continuation is not null && items.Count < page.PageSize);

        return new Page<T>(items, continuation?.ToToken());
    }

    private static TableContinuation? ParseToken(string? token)
    {
        try
        {
            return TableContinuation.FromToken(token);
        }
        catch (FormatException)
        {
            throw new InvalidContinuationTokenException("continuationToken is not a token returned by a previous page of this listing.");
        }
    }

    public static string RowKeyStartsWith(string prefix) =>
        TableFilter.Format($"RowKey ge {prefix} and RowKey lt {UpperBound(prefix)}");

    public static string PartitionRowKeyStartsWith(string partitionKey, string prefix) =>
        TableFilter.Format($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {UpperBound(prefix)}");

    /// <summary>The smallest string greater than every string starting with <paramref name="prefix"/>.</summary>
    private static string UpperBound(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
