using System.Net;
using System.Net.Sockets;

namespace Faas.Serverless.AzureStorage.Tests;

public sealed class StorageFailureTests
{
    [Fact]
    public async Task GetEntityAsync_NothingListening_ThrowsStorageExceptionWithStatusZero()
    {
        var table = AccountOnClosedPort().GetTableClient("nothing");

        var exception = await Assert.ThrowsAsync<StorageException>(() => table.GetEntityAsync("p", "r"));

        Assert.Equal(0, exception.Status);
        Assert.NotNull(exception.InnerException);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_CancelledByCaller_ThrowsOperationCanceled()
    {
        var queue = AccountOnClosedPort().GetQueueClient("nothing");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.ReceiveMessagesAsync(cancellationToken: cancellation.Token));
    }

    private static StorageAccount AccountOnClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var endpoint = $"http://127.0.0.1:{port}/devstoreaccount1";
        var connection = StorageConnection.Parse(
            "AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint={endpoint};QueueEndpoint={endpoint};TableEndpoint={endpoint}");
        return new StorageAccount(connection, new StorageClientOptions { MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(10) });
    }
}
