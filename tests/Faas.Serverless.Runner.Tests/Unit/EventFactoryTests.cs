using System.Text.Json;
using Faas.Serverless.Runner.Work;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class EventFactoryTests
{
    [Theory]
    [InlineData("\"2026-03-01T10:00:00.250+00:00\"")]
    [InlineData("\"2026-03-01T10:00:00.250Z\"")]
    [InlineData("1772359200.25")]
    public void ParseTimestamp_IsoOrUnixSeconds_Parsed(string json)
    {
        var parsed = EventFactory.ParseTimestamp(JsonDocument.Parse(json).RootElement);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, 250, TimeSpan.Zero), parsed);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("null")]
    [InlineData("-5")]
    public void ParseTimestamp_Unusable_ReturnsNull(string json) =>
        Assert.Null(EventFactory.ParseTimestamp(JsonDocument.Parse(json).RootElement));
}
