using Faas.Serverless.Supervisor.Isolation;

namespace Faas.Serverless.Supervisor.Tests.Isolation;

public sealed class UidPoolTests
{
    [Fact]
    public void Rent_Twice_DistinctUidsFromTheBase()
    {
        var pool = new UidPool(200_000, 10);

        Assert.Equal([200_000, 200_001], [pool.Rent(), pool.Rent()]);
    }

    [Fact]
    public void Rent_AfterReturn_ReusesTheLowestFreeUid()
    {
        var pool = new UidPool(200_000, 10);
        var first = pool.Rent();
        pool.Rent();

        pool.Return(first);

        Assert.Equal(first, pool.Rent());
    }

    [Fact]
    public void Rent_ReservedByAnOrphan_SkipsIt()
    {
        var pool = new UidPool(200_000, 10);
        pool.Reserve(200_000);

        Assert.Equal(200_001, pool.Rent());
    }

    [Fact]
    public void Rent_AllInUse_ThrowsNamingTheSetting()
    {
        var pool = new UidPool(200_000, 1);
        pool.Rent();

        var error = Assert.Throws<InvalidOperationException>(() => pool.Rent());

        Assert.Contains("uidCount", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IsolationLevel.None, "none")]
    [InlineData(IsolationLevel.Uid, "uid")]
    [InlineData(IsolationLevel.Bubblewrap, "bubblewrap")]
    [InlineData(IsolationLevel.BubblewrapUid, "bubblewrap+uid")]
    public void ToWireName_EachLevel_HealthName(IsolationLevel level, string expected) => Assert.Equal(expected, level.ToWireName());
}
