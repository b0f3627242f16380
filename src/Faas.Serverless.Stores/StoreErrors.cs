using Azure;
using Azure.Data.Tables;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores;

/// <summary>Storage outcomes that mean something to the domain, as domain exceptions or results.</summary>
internal static class StoreErrors
{
    /// <summary>Adds the entity and returns its ETag; an existing entity is a <see cref="ConflictException"/>.</summary>
    public static async Task<string> AddAsync(TableClient table, TableEntity entity, string conflictMessage, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await table.AddEntityAsync(entity, cancellationToken);
            return response.Headers.ETag?.ToString() ?? string.Empty;
        }
        catch (RequestFailedException ex) when (ex.IsConflict())
        {
            throw new ConflictException(conflictMessage);
        }
    }

    /// <summary>The entity, or null when it does not exist.</summary>
    public static async Task<TableEntity?> GetAsync(TableClient table, string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>False when there was nothing to delete: the SDK reports a missing entity as a 404 response, not an exception.</summary>
    public static async Task<bool> DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        var response = await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        return response.Status != 404;
    }

    public static string ETagOf(Response response) => response.Headers.ETag?.ToString() ?? string.Empty;

    /// <summary>
    /// The ETag a conditional write is guarded by. An empty one would make the SDK send no condition, so a record that
    /// was never read from storage can only fail the condition, never overwrite.
    /// </summary>
    public static ETag ToETag(string etag, string what) =>
        string.IsNullOrEmpty(etag) ? throw new PreconditionFailedException($"{what} has no ETag: read it before changing it.") : new ETag(etag);
}
