using Faas.Serverless.Orchestrations.Work;

namespace Faas.Serverless.Orchestrations.Tests.Work;

public sealed class LeaseIdsTests
{
    [Fact]
    public void TryParse_CreatedId_RoundTrips()
    {
        var lease = new Lease("message-1", "AgAAAA+pop/receipt==", "execution-1", 7);

        Assert.True(LeaseIds.TryParse(lease.Id, out var parsed));
        Assert.Equal(lease, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64url!")]
    [InlineData("bWVzc2FnZQ")]
    public void TryParse_ForeignText_IsRefused(string? leaseId)
    {
        Assert.False(LeaseIds.TryParse(leaseId, out _));
    }
}
