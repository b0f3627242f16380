using Azure.Core;
using Azure.Core.Pipeline;

namespace Faas.Serverless.AzureStorage.Pipeline;

internal sealed class StorageVersionPolicy : HttpPipelineSynchronousPolicy
{
    // Served by Azurite 3.37 without --skipApiVersionCheck and by the cloud; newer versions buy us nothing.
    internal const string Version = "2021-12-02";

    public static StorageVersionPolicy Shared { get; } = new();

    public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue("x-ms-version", Version);
}
