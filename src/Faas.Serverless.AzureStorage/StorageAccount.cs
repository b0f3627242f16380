using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Xml.Linq;
using Azure.Core;
using Faas.Serverless.AzureStorage.Pipeline;
using Faas.Serverless.AzureStorage.Tables;

namespace Faas.Serverless.AzureStorage;

/// <summary>Entry point to one storage account: one HTTP pipeline per service, shared by all clients. Thread-safe.</summary>
public sealed class StorageAccount
{
    private readonly StoragePipeline _blobs;
    private readonly StoragePipeline _queues;
    private readonly StoragePipeline _tables;

    public StorageAccount(StorageConnection connection, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new StorageClientOptions();
        options.Validate();
        Connection = connection;
        _blobs = StoragePipelineFactory.Create(connection, options, StorageService.Blob);
        _queues = StoragePipelineFactory.Create(connection, options, StorageService.Queue);
        _tables = StoragePipelineFactory.Create(connection, options, StorageService.Table);
    }

    public StorageConnection Connection { get; }

    public TableClient GetTableClient(string tableName) => new(_tables, tableName);

    public BlobContainerClient GetBlobContainerClient(string containerName) => new(_blobs, containerName);

    public QueueClient GetQueueClient(string queueName) => new(_queues, queueName);

    public async IAsyncEnumerable<string> ListTablesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? nextTableName = null;
        do
        {
            using var message = TableRequests.Create(_tables, RequestMethod.Get, "/Tables");
            if (nextTableName is not null)
            {
                message.Request.Uri.AppendQuery("NextTableName", nextTableName);
            }

            var response = await _tables.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
            using var json = await JsonDocument.ParseAsync(response.ContentStream!, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var table in json.RootElement.GetProperty("value").EnumerateArray())
            {
                yield return table.GetProperty("TableName").GetString()!;
            }

            nextTableName = response.Headers.TryGetValue("x-ms-continuation-NextTableName", out var next) && next.Length > 0 ? next : null;
        }
        while (nextTableName is not null);
    }

    public IAsyncEnumerable<string> ListBlobContainersAsync(CancellationToken cancellationToken = default) =>
        ListXmlNamesAsync(_blobs, "Containers", "Container", cancellationToken);

    public IAsyncEnumerable<string> ListQueuesAsync(CancellationToken cancellationToken = default) =>
        ListXmlNamesAsync(_queues, "Queues", "Queue", cancellationToken);

    private static async IAsyncEnumerable<string> ListXmlNamesAsync(
        StoragePipeline pipeline, string listElement, string itemElement, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? marker = null;
        do
        {
            using var message = pipeline.CreateMessage(RequestMethod.Get, "/");
            message.Request.Uri.AppendQuery("comp", "list");
            if (marker is not null)
            {
                message.Request.Uri.AppendQuery("marker", marker);
            }

            var response = await pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
            var root = (await XDocument.LoadAsync(response.ContentStream!, LoadOptions.None, cancellationToken).ConfigureAwait(false)).Root!;
            foreach (var item in root.Element(listElement)?.Elements(itemElement) ?? [])
            {
                yield return item.Element("Name")!.Value;
            }

            marker = root.Element("NextMarker")?.Value is { Length: > 0 } next ? next : null;
        }
        while (marker is not null);
    }
}
