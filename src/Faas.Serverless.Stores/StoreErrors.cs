using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Common;

namespace Faas.Serverless.Stores;

/// <summary>Turns storage outcomes that mean something to the domain into domain exceptions or results.</summary>
internal static class StoreErrors
{
    public static async Task<string> AddAsync(TableClient table, TableEntity entity, string conflictMessage, CancellationToken cancellationToken = default)
    {
        try
        {
            return await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (StorageException ex) when (ex.IsConflict)
        {
            throw new ConflictException(conflictMessage);
        }
    }

    public static async Task<bool> DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, cancellationToken: cancellationToken);
            return true;
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            return false;
        }
    }
}
