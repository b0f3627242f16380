using System.Text;
using Azure.Data.Tables;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Api.Tests.Secrets;

/// <summary>Reads every table entity, blob and queue message of the account and says where a value appears in clear.</summary>
public static class StorageScan
{
    /// <returns>Where each of <paramref name="values"/> was found, as its plain text or its base64: empty when nowhere.</returns>
    public static async Task<IReadOnlyList<string>> FindAsync(StorageClients storage, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var needles = values.SelectMany(value => new[] { value, Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) }).ToList();
        var found = new List<string>();
        await foreach (var table in storage.Tables.QueryAsync())
        {
            await foreach (var entity in storage.Tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (key, property) in entity)
                {
                    var text = property switch
                    {
                        byte[] bytes => Encoding.UTF8.GetString(bytes) + Convert.ToBase64String(bytes),
                        BinaryData data => data.ToString() + Convert.ToBase64String(data.ToArray()),
                        _ => property?.ToString() ?? string.Empty,
                    };
                    found.AddRange(needles.Where(needle => text.Contains(needle, StringComparison.Ordinal)).Select(_ => $"table {table.Name} {entity.PartitionKey}/{entity.RowKey}.{key}"));
                }
            }
        }

        await foreach (var container in storage.Blobs.GetBlobContainersAsync())
        {
            var client = storage.Blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                var text = Encoding.UTF8.GetString(content);
                found.AddRange(needles.Where(needle => text.Contains(needle, StringComparison.Ordinal)).Select(_ => $"blob {container.Name}/{blob.Name}"));
            }
        }

        await foreach (var queue in storage.Queues.GetQueuesAsync())
        {
            var messages = (await storage.Queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value;
            foreach (var message in messages)
            {
                var text = message.Body.ToString();
                found.AddRange(needles.Where(needle => text.Contains(needle, StringComparison.Ordinal)).Select(_ => $"queue {queue.Name}"));
            }
        }

        return found;
    }
}
