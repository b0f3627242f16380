using Faas.Serverless.Testing;

namespace Faas.Serverless.AzureStorage.Tests;

[Collection("Azurite")]
public sealed class BlobLeaseClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);
    private readonly BlobContainerClient _container = azurite.CreateAccount().GetBlobContainerClient(AzuriteFixture.UniqueName("leases"));

    public Task InitializeAsync() => _container.CreateIfNotExistsAsync();

    public Task DisposeAsync() => _container.DeleteIfExistsAsync();

    [Fact]
    public async Task AcquireAsync_LeasedByOther_ThrowsConflictAndWritesNeedTheLeaseId()
    {
        var blob = await CreateBlobAsync("leader");
        var mine = blob.GetLeaseClient();
        var theirs = blob.GetLeaseClient();

        await mine.AcquireAsync(Duration);
        var conflict = await Assert.ThrowsAsync<StorageException>(() => theirs.AcquireAsync(Duration));
        var withoutLease = await Assert.ThrowsAsync<StorageException>(() => blob.UploadAsync(BinaryData.FromString("x")));
        var written = await blob.UploadAsync(BinaryData.FromString("y"), new BlobUploadOptions { LeaseId = mine.LeaseId });
        var deleteWithoutLease = await Assert.ThrowsAsync<StorageException>(() => blob.DeleteIfExistsAsync());

        Assert.True(conflict.IsConflict);
        Assert.True(withoutLease.IsPreconditionFailed);
        Assert.True(deleteWithoutLease.IsPreconditionFailed);
        Assert.Equal("leased", written.LeaseState);
        Assert.Equal("leased", (await blob.GetPropertiesAsync())!.LeaseState);
        Assert.Equal("y", (await blob.DownloadContentAsync()).ToString());
    }

    [Fact]
    public async Task LeaseLifecycle_RenewChangeRelease_HandsTheLeaseOver()
    {
        var blob = await CreateBlobAsync("lifecycle");
        var lease = blob.GetLeaseClient();
        var other = blob.GetLeaseClient();
        var proposed = Guid.NewGuid().ToString();

        await lease.AcquireAsync(Timeout.InfiniteTimeSpan);
        await lease.RenewAsync();
        await lease.ChangeAsync(proposed);
        await blob.UploadAsync(BinaryData.FromString("changed"), new BlobUploadOptions { LeaseId = proposed });
        await lease.ReleaseAsync();
        await other.AcquireAsync(Duration);

        Assert.Equal(proposed, lease.LeaseId);
        Assert.True((await Assert.ThrowsAsync<StorageException>(() => lease.RenewAsync())).IsConflict);
        Assert.True(await blob.DeleteIfExistsAsync(leaseId: other.LeaseId));
    }

    [Fact]
    public async Task BreakAsync_ZeroPeriod_LetsAnotherHostAcquire()
    {
        var blob = await CreateBlobAsync("broken");
        var crashed = blob.GetLeaseClient();
        var successor = blob.GetLeaseClient();
        await crashed.AcquireAsync(TimeSpan.FromSeconds(60));

        await successor.BreakAsync(TimeSpan.Zero);
        await successor.AcquireAsync(Duration);

        Assert.Equal("leased", (await blob.GetPropertiesAsync())!.LeaseState);
        await successor.ReleaseAsync();
    }

    [Theory]
    [InlineData(14)]
    [InlineData(61)]
    public async Task AcquireAsync_DurationOutOfRange_ThrowsArgumentOutOfRange(int seconds)
    {
        var lease = _container.GetBlobClient("any").GetLeaseClient();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => lease.AcquireAsync(TimeSpan.FromSeconds(seconds)));
    }

    private async Task<BlobClient> CreateBlobAsync(string name)
    {
        var blob = _container.GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromString("initial"));
        return blob;
    }
}
