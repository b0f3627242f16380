using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Executions;

/// <summary>Payloads as blobs named <c>{executionId}/{name}</c> in the payloads container.</summary>
public sealed class BlobExecutionPayloadStore(StoreTables tables) : IExecutionPayloadStore
{
    private readonly BlobContainerClient _container = tables.Payloads;

    public Task WriteAsync(string executionId, string name, ReadOnlyMemory<byte> json, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            () => _container.GetBlobClient(BlobName(executionId, name)).UploadAsync(
                new BinaryData(json),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
                cancellationToken),
            "writing an execution payload");

    public Task<T> ReadAsync<T>(string executionId, string name, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var content = await _container.GetBlobClient(BlobName(executionId, name)).DownloadContentAsync(cancellationToken);
                return JsonSerializer.Deserialize<T>(content.Value.Content.ToMemory().Span, StoreJson.Options)
                    ?? throw new InvalidDataException($"Payload '{name}' of execution '{executionId}' is empty.");
            },
            "reading an execution payload");

    public static string BlobName(string executionId, string name) => $"{executionId}/{name}";
}
