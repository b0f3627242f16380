using Azure.Data.Tables;
using Faas.Serverless.Domain.Common;

namespace Faas.Serverless.Stores;

internal static class TablePaging
{
    /// <summary>
    /// Reads one API page. Table storage may return short or empty pages with a continuation, so this keeps
    /// reading until the page is full or the listing ends, and hands the caller an opaque token. Entities the map
    /// turns into null (deleted while the page was read) are left out.
    /// </summary>
    public static async Task<Page<T>> ReadPageAsync<T>(
        TableClient table,
        string filter,
        PageRequest page,
        Func<TableEntity, CancellationToken, Task<T?>> map,
        CancellationToken cancellationToken = default)
        where T : class
    {
        var continuation = ContinuationToken.ToService(page.ContinuationToken);
        var items = new List<T>(page.PageSize);
        do
        {
            var top = page.PageSize - items.Count;
            string? next = null;
            await foreach (var result in table.QueryAsync<TableEntity>(filter, top, cancellationToken: cancellationToken).AsPages(continuation, top))
            {
                foreach (var entity in result.Values)
                {
                    if (await map(entity, cancellationToken) is { } item)
                    {
                        items.Add(item);
                    }
                }

                next = result.ContinuationToken;
                break;
            }

            continuation = next;
        }
        while (continuation is not null && items.Count < page.PageSize);

        return new Page<T>(items, ContinuationToken.FromService(continuation));
    }

    /// <inheritdoc cref="ReadPageAsync{T}(TableClient, string, PageRequest, Func{TableEntity, CancellationToken, Task{T}}, CancellationToken)"/>
    public static Task<Page<T>> ReadPageAsync<T>(TableClient table, string filter, PageRequest page, Func<TableEntity, T> map, CancellationToken cancellationToken = default)
        where T : class =>
        ReadPageAsync(table, filter, page, (entity, _) => Task.FromResult<T?>(map(entity)), cancellationToken);

    public static string RowKeyStartsWith(string prefix) =>
        TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {UpperBound(prefix)}");

    public static string PartitionRowKeyStartsWith(string partitionKey, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {UpperBound(prefix)}");

    /// <summary>The smallest string greater than every string starting with <paramref name="prefix"/>.</summary>
    private static string UpperBound(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
