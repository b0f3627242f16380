using System.Text.Json;
using Faas.Serverless.AzureStorage;
using Faas.Serverless.Orchestrations.Engine;

namespace Faas.Serverless.Stores.Executions;

/// <summary>Payloads as blobs named <c>{executionId}/{name}</c> in the payloads container.</summary>
public sealed class BlobExecutionPayloadStore(StoreTables tables) : IExecutionPayloadStore
{
    private readonly BlobContainerClient _container = tables.Payloads;

    public async Task WriteAsync(string executionId, string name, ReadOnlyMemory<byte> json, CancellationToken cancellationToken = default) =>
        await _container.GetBlobClient(BlobName(executionId, name)).UploadAsync(new BinaryData(json), new BlobUploadOptions { ContentType = "application/json" }, cancellationToken);

    public async Task<T> ReadAsync<T>(string executionId, string name, CancellationToken cancellationToken = default)
    {
        var content = await _container.GetBlobClient(BlobName(executionId, name)).DownloadContentAsync(cancellationToken);
        return JsonSerializer.Deserialize<T>(content.ToMemory().Span, StoreJson.Options)
            ?? throw new InvalidDataException($"Payload '{name}' of execution '{executionId}' is empty.");
    }

    public static string BlobName(string executionId, string name) => $"{executionId}/{name}";
}
