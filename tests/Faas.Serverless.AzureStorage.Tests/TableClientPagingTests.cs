using System.Net;
using System.Text;
using Azure.Core.Pipeline;

namespace Faas.Serverless.AzureStorage.Tests;

/// <summary>
/// Azurite always returns both continuation headers, so the "NextRowKey absent" case is exercised against a
/// canned transport.
/// </summary>
public sealed class TableClientPagingTests
{
    [Fact]
    public async Task QueryAsync_ContinuationWithoutNextRowKey_SendsOnlyNextPartitionKey()
    {
        using var handler = new CannedHandler(
            Page("""{"value":[{"PartitionKey":"a","RowKey":"1"}]}""", ("x-ms-continuation-NextPartitionKey", "1!4!Yg--")),
            Page("""{"value":[{"PartitionKey":"b","RowKey":"1"},{"PartitionKey":"b","RowKey":"2"}]}"""));
        using var httpClient = new HttpClient(handler);
        var account = new StorageAccount(
            StorageConnection.Parse("UseDevelopmentStorage=true"),
            new StorageClientOptions { Transport = new HttpClientTransport(httpClient), MaxRetries = 0 });

        var keys = new List<string>();
        await foreach (var entity in account.GetTableClient("paging").QueryAsync())
        {
            keys.Add(entity.PartitionKey + entity.RowKey);
        }

        Assert.Equal(["a1", "b1", "b2"], keys);
        var second = handler.RequestUris[1].Query;
        Assert.Contains("NextPartitionKey=1%214%21Yg--", second, StringComparison.Ordinal);
        Assert.DoesNotContain("NextRowKey", second, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Page(string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            response.Headers.Add(name, value);
        }

        return response;
    }

    private sealed class CannedHandler(params HttpResponseMessage[] responses) : HttpMessageHandler
    {
        private readonly Queue<HttpResponseMessage> _responses = new(responses);

        public List<Uri> RequestUris { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            RequestUris.Add(request.RequestUri!);
            return Task.FromResult(_responses.Dequeue());
        }
    }
}
