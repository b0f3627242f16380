using Faas.Serverless.Runner.Work;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class EventIdsTests
{
    [Fact]
    public void Next_ManyFromSeveralThreads_UniqueAndOrderedWithinEachThread()
    {
        var perThread = new List<string>[4];
        Parallel.For(0, perThread.Length, t => perThread[t] = [.. Enumerable.Range(0, 2_000).Select(_ => EventIds.Next())]);

        Assert.Equal(8_000, perThread.SelectMany(ids => ids).Distinct(StringComparer.Ordinal).Count());
        Assert.All(perThread, ids => Assert.Equal(ids.Order(StringComparer.Ordinal), ids));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("0193b2c4d5e6f7a8b9c0-00000000001/x")]
    [InlineData("")]
    public void IsWellFormed_AnythingElse_False(string eventId) => Assert.False(EventIds.IsWellFormed(eventId));

    [Fact]
    public void IsWellFormed_OwnIdsAndEarlierUuids_True()
    {
        Assert.True(EventIds.IsWellFormed(EventIds.Next()));
        Assert.True(EventIds.IsWellFormed(Guid.NewGuid().ToString()));
    }
}
