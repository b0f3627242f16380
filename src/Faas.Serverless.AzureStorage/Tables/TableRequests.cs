using Azure.Core;
using Faas.Serverless.AzureStorage.Pipeline;

namespace Faas.Serverless.AzureStorage.Tables;

internal static class TableRequests
{
    // Minimal metadata: nometadata would drop the @odata.type annotations that Int64, DateTime, Guid and Binary
    // values need to read back as their own types.
    public const string Accept = "application/json;odata=minimalmetadata";

    public const string DataServiceVersion = "3.0";

    public static HttpMessage Create(StoragePipeline pipeline, RequestMethod method, string escapedPath)
    {
        var message = pipeline.CreateMessage(method, escapedPath);
        message.Request.Headers.SetValue("Accept", Accept);
        message.Request.Headers.SetValue("DataServiceVersion", DataServiceVersion);
        message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    public static HttpMessage CreateWithBody(StoragePipeline pipeline, RequestMethod method, string escapedPath, byte[] json)
    {
        var message = Create(pipeline, method, escapedPath);
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(json);
        return message;
    }

    /// <summary>Merge uses PATCH, the verb the service documents alongside the legacy MERGE.</summary>
    public static RequestMethod UpdateMethod(TableUpdateMode mode) => mode == TableUpdateMode.Merge ? RequestMethod.Patch : RequestMethod.Put;

    public static string ETagOf(Azure.Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) ? etag : throw new StorageException(response.Status, null, "The table service returned no ETag.");
}
