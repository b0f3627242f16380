using System.Security.Cryptography;
using Faas.Serverless.Testing;

namespace Faas.Serverless.AzureStorage.Tests;

[Collection("Azurite")]
public sealed class BlobClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly BlobContainerClient _container = azurite.CreateAccount().GetBlobContainerClient(AzuriteFixture.UniqueName("blobs"));

    public Task InitializeAsync() => _container.CreateIfNotExistsAsync();

    public Task DisposeAsync() => _container.DeleteIfExistsAsync();

    [Fact]
    public async Task UploadAsync_Bytes_DownloadsSameBytesAndProperties()
    {
        var blob = _container.GetBlobClient("dir/ünï cødé 'quoted' 100%.bin");
        var content = RandomNumberGenerator.GetBytes(1000);
        var metadata = new Dictionary<string, string> { ["origin"] = "test", ["Kind"] = "bytes" };

        var uploaded = await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions { ContentType = "application/x-test", Metadata = metadata });
        var downloaded = await blob.DownloadContentAsync();
        var properties = await blob.GetPropertiesAsync();

        Assert.Equal(content, downloaded.ToArray());
        Assert.Equal(uploaded.ETag, properties!.ETag);
        Assert.Equal((1000L, "application/x-test", "available"), (properties.ContentLength, properties.ContentType, properties.LeaseState));
        Assert.Equal("bytes", properties.Metadata["kind"]);
        Assert.Equal("test", properties.Metadata["origin"]);
        Assert.Equal(uploaded.LastModified, properties.LastModified);
    }

    [Fact]
    public async Task UploadAsync_MultiMegabyteStream_StagesBlocksAndStreamsBack()
    {
        using var counter = new BlockCounter();
        var blob = BlobWithSmallBlocks(counter, "large.bin");
        const int length = 5 * 1024 * 1024 + 123;
        await using var source = new PatternStream(length);

        var uploaded = await blob.UploadAsync(source, new BlobUploadOptions { ContentType = "application/octet-stream" });
        await using var download = await blob.DownloadAsync();
        var hash = await SHA256.HashDataAsync(download.Content);

        Assert.Equal((11, 1), (counter.PutBlocks, counter.PutBlockLists));
        Assert.Equal(length, uploaded.ContentLength);
        Assert.Equal(length, download.Properties.ContentLength);
        Assert.Equal(SHA256.HashData(PatternStream.Bytes(length)), hash);
    }

    [Theory]
    [InlineData(1024 * 1024, 0)]
    [InlineData(1024 * 1024 + 1, 3)]
    public async Task UploadAsync_AroundSingleUploadLimit_StagesBlocksOnlyAboveIt(int length, int expectedBlocks)
    {
        using var counter = new BlockCounter();
        var streamed = BlobWithSmallBlocks(counter, "streamed.bin");
        var buffered = BlobWithSmallBlocks(counter, "buffered.bin");

        await streamed.UploadAsync(new PatternStream(length));
        await buffered.UploadAsync(BinaryData.FromBytes(PatternStream.Bytes(length)));

        Assert.Equal(2 * expectedBlocks, counter.PutBlocks);
        Assert.Equal(PatternStream.Bytes(length), (await streamed.DownloadContentAsync()).ToArray());
        Assert.Equal(PatternStream.Bytes(length), (await buffered.DownloadContentAsync()).ToArray());
    }

    [Fact]
    public async Task UploadAsync_IfNoneMatchStarOnExistingBlob_ThrowsConflict()
    {
        var blob = _container.GetBlobClient("once.txt");
        var createOnly = new BlobUploadOptions { IfNoneMatch = "*" };
        await blob.UploadAsync(BinaryData.FromString("first"), createOnly);

        var exception = await Assert.ThrowsAsync<StorageException>(() => blob.UploadAsync(BinaryData.FromString("second"), createOnly));

        // Azure answers 409 BlobAlreadyExists; a generic 412 would also mean "not written".
        Assert.True(exception.IsConflict || exception.IsPreconditionFailed, $"{exception.Status} {exception.ErrorCode}");
        Assert.Equal("first", (await blob.DownloadContentAsync()).ToString());
    }

    [Fact]
    public async Task UploadAsync_StaleIfMatch_ThrowsPreconditionFailed()
    {
        var blob = _container.GetBlobClient("versioned.txt");
        var first = await blob.UploadAsync(BinaryData.FromString("v1"));
        var second = await blob.UploadAsync(BinaryData.FromString("v2"), new BlobUploadOptions { IfMatch = first.ETag });

        var exception = await Assert.ThrowsAsync<StorageException>(
            () => blob.UploadAsync(BinaryData.FromString("v3"), new BlobUploadOptions { IfMatch = first.ETag }));

        Assert.True(exception.IsPreconditionFailed);
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal("v2", (await blob.DownloadContentAsync()).ToString());
    }

    [Fact]
    public async Task ListBlobsAsync_PrefixAndSmallPages_FollowsNextMarker()
    {
        var names = Enumerable.Range(0, 7).Select(i => $"logs/{i}.txt").Append("other/x.txt").ToList();
        foreach (var name in names)
        {
            await _container.GetBlobClient(name).UploadAsync(BinaryData.FromString(name));
        }

        var paged = await _container.ListBlobsAsync("logs/", pageSize: 2, CancellationToken.None).ToListAsync();
        var all = await _container.ListBlobsAsync().ToListAsync();

        Assert.Equal(names.Take(7), paged.Select(item => item.Name));
        Assert.Equal(8, all.Count);
        var item = paged[0];
        Assert.Equal((10L, "application/octet-stream"), (item.ContentLength, item.ContentType));
        Assert.Equal((await _container.GetBlobClient(item.Name).GetPropertiesAsync())!.ETag, item.ETag);
    }

    [Fact]
    public async Task DeleteIfExistsAsync_PresentThenAbsent_ReturnsTrueThenFalse()
    {
        var blob = _container.GetBlobClient("doomed.txt");
        var uploaded = await blob.UploadAsync(BinaryData.FromString("x"));
        await blob.UploadAsync(BinaryData.FromString("y"));

        var stale = await Assert.ThrowsAsync<StorageException>(() => blob.DeleteIfExistsAsync(uploaded.ETag));
        var deleted = await blob.DeleteIfExistsAsync();
        var again = await blob.DeleteIfExistsAsync();

        Assert.True(stale.IsPreconditionFailed);
        Assert.True(deleted);
        Assert.False(again);
        Assert.Null(await blob.GetPropertiesAsync());
    }

    [Fact]
    public async Task DownloadAsync_Absent_ThrowsNotFound()
    {
        var blob = _container.GetBlobClient("missing.txt");

        var streamed = await Assert.ThrowsAsync<StorageException>(() => blob.DownloadAsync());
        var buffered = await Assert.ThrowsAsync<StorageException>(() => blob.DownloadContentAsync());

        Assert.True(streamed.IsNotFound);
        Assert.Equal("BlobNotFound", streamed.ErrorCode);
        Assert.True(buffered.IsNotFound);
    }

    [Fact]
    public async Task UploadAsync_InvalidMetadata_ThrowsBeforeWriting()
    {
        var blob = _container.GetBlobClient("metadata.txt");

        await Assert.ThrowsAsync<ArgumentException>(() => blob.UploadAsync(
            BinaryData.FromString("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["not-an-identifier"] = "v" } }));
        await Assert.ThrowsAsync<ArgumentException>(() => blob.UploadAsync(
            BinaryData.FromString("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["name"] = "ünicode" } }));

        Assert.Null(await blob.GetPropertiesAsync());
    }

    [Fact]
    public async Task ListBlobContainersAsync_ContainsContainer()
    {
        Assert.Contains(_container.Name, await azurite.CreateAccount().ListBlobContainersAsync().ToListAsync());
    }

    private BlobClient BlobWithSmallBlocks(BlockCounter counter, string name)
    {
        var account = new StorageAccount(azurite.Connection, new StorageClientOptions
        {
            BlobSingleUploadMaxBytes = 1024 * 1024,
            BlobBlockBytes = 512 * 1024,
            Transport = new Azure.Core.Pipeline.HttpClientTransport(new HttpClient(counter, disposeHandler: false)),
        });
        return account.GetBlobContainerClient(_container.Name).GetBlobClient(name);
    }

    /// <summary>Counts block staging requests on their way to Azurite.</summary>
    private sealed class BlockCounter() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _putBlocks;
        private int _putBlockLists;

        public int PutBlocks => _putBlocks;

        public int PutBlockLists => _putBlockLists;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = request.RequestUri!.Query;
            if (query.Contains("comp=blocklist", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _putBlockLists);
            }
            else if (query.Contains("comp=block", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _putBlocks);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
