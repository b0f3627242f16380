using Azure.Core;
using Azure.Core.Pipeline;

namespace Faas.Serverless.AzureStorage.Pipeline;

internal static class StoragePipelineFactory
{
    private const string TokenScope = "https://storage.azure.com/.default";

    public static StoragePipeline Create(StorageConnection connection, StorageClientOptions options, StorageService service)
    {
        var clientOptions = new StoragePipelineOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        if (options.Transport is not null)
        {
            clientOptions.Transport = options.Transport;
        }

        HttpPipelinePolicy authentication = connection.AccountKey switch
        {
            null => new BearerTokenAuthenticationPolicy(connection.Credential!, TokenScope),
            var key when service == StorageService.Table => new SharedKeyLitePolicy(connection.AccountName, key),
            var key => new SharedKeyPolicy(connection.AccountName, key),
        };

        var pipeline = HttpPipelineBuilder.Build(clientOptions, [StorageVersionPolicy.Shared], [authentication], new ResponseClassifier());
        var endpoint = service switch
        {
            StorageService.Blob => connection.BlobEndpoint,
            StorageService.Queue => connection.QueueEndpoint,
            _ => connection.TableEndpoint,
        };
        return new StoragePipeline(pipeline, endpoint, options);
    }

    private sealed class StoragePipelineOptions : ClientOptions
    {
    }
}
