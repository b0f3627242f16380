using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores;

/// <summary>
/// JSON documents of one table's entities. A document of at most <see cref="InlineLimit"/> characters is one
/// readable string column; a larger one goes to a blob of the documents container and the entity's
/// <c>{column}Blob</c> column names it, so small documents cost no blob request at all.
/// </summary>
/// <remarks>
/// Blob names end in a SHA-256 of the entity's keys and the JSON: a writer re-uploading a document rewrites identical
/// bytes, so it never clobbers a blob another version of the entity references, and a writer that holds the document
/// it replaces can name that blob without reading the entity. A replaced or deleted document's blob is deleted once
/// the entity write succeeded; a blob uploaded for a write that then lost its ETag race is left behind, since a
/// concurrent writer of the same content may reference it.
/// </remarks>
internal sealed class DocumentColumns(BlobContainerClient container, TableClient table)
{
    /// <summary>A table property holds 32K UTF-16 characters; the margin leaves room for an entity's other columns.</summary>
    public const int InlineLimit = 30_000;

    private const int MaxRereads = 5;

    public static string BlobColumn(string column) => column + "Blob";

    /// <summary>Puts the document in the entity, uploading it first when it is too large to be inline.</summary>
    /// <param name="previous">The document this write replaces, if known: an identical spilled one is not uploaded again.</param>
    public async Task WriteAsync(TableEntity entity, string column, string json, string? previous, CancellationToken cancellationToken)
    {
        if (json.Length <= InlineLimit)
        {
            entity[column] = json;
            return;
        }

        var name = BlobName(entity.PartitionKey, entity.RowKey, column, json);
        entity[BlobColumn(column)] = name;
        if (json != previous)
        {
            var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(json), options, cancellationToken);
        }
    }

    /// <summary>The document's JSON; <see cref="DocumentGoneException"/> when its blob was deleted after the entity was read.</summary>
    public async Task<string> ReadAsync(TableEntity entity, string column, CancellationToken cancellationToken)
    {
        if (entity.GetString(BlobColumn(column)) is not { } name)
        {
            return entity.GetString(column) ?? "null";
        }

        try
        {
            var content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
            throw new DocumentGoneException();
        }
    }

    /// <summary>
    /// Maps an entity read earlier. A writer may have replaced one of its spilled documents and deleted the blob since,
    /// so the entity is then read again; null when it was deleted meanwhile.
    /// </summary>
    public async Task<T?> MapAsync<T>(TableEntity entity, Func<TableEntity, Task<T>> map, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(map);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await map(entity);
            }
            catch (DocumentGoneException ex) when (attempt >= MaxRereads)
            {
                throw new StorageRejectedException($"A document of {table.Name} '{entity.PartitionKey}'/'{entity.RowKey}' kept changing while it was read.", ex);
            }
            catch (DocumentGoneException)
            {
                var fresh = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
                if (!fresh.HasValue)
                {
                    return null;
                }

                entity = fresh.Value!;
            }
        }
    }

    /// <summary>The blob of <paramref name="previous"/> that a write of <paramref name="next"/> leaves unreferenced, if any.</summary>
    public string? Replaced(string partitionKey, string rowKey, string column, string? previous, string? next) =>
        previous is null || previous == next || previous.Length <= InlineLimit ? null : BlobName(partitionKey, rowKey, column, previous);

    /// <summary>Deletes blobs no entity references any more. Best effort: a blob left over costs space, nothing else.</summary>
    public async Task DeleteAsync(IEnumerable<string?> names, CancellationToken cancellationToken)
    {
        foreach (var name in names.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            try
            {
                await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (StorageFailure.IsStorageFailure(ex))
            {
                // The entity write this cleans up after has succeeded; its outcome stands.
            }
        }
    }

    /// <summary>Readable in Storage Explorer: table, keys, column; the hash makes it unique per entity and content.</summary>
    private string BlobName(string partitionKey, string rowKey, string column, string json)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{partitionKey}\n{rowKey}\n{column}\n{json}"));
        return $"{table.Name}/{partitionKey}/{(rowKey.Length == 0 ? "_" : rowKey)}/{column}-{Convert.ToHexStringLower(hash)}.json";
    }
}
