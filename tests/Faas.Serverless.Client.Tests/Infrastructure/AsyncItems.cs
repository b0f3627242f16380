namespace Faas.Serverless.Client.Tests.Infrastructure;

/// <summary>Reads a listing to the end (System.Linq.Async and the BCL both define ToListAsync here, ambiguously).</summary>
public static class AsyncItems
{
    public static async Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
