using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Faas.Serverless.Storage;

/// <summary>The three service clients of one account, built outside dependency injection (tests, bench, tools).</summary>
public sealed record StorageClients(TableServiceClient Tables, BlobServiceClient Blobs, QueueServiceClient Queues)
{
    public static StorageClients FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var emulator = new StorageSettings { ConnectionString = connectionString }.IsEmulator;
        return new StorageClients(
            new TableServiceClient(connectionString, StorageClientDefaults.TableOptions()),
            new BlobServiceClient(connectionString, StorageClientDefaults.BlobOptions(emulator)),
            new QueueServiceClient(connectionString, StorageClientDefaults.QueueOptions(emulator)));
    }
}
