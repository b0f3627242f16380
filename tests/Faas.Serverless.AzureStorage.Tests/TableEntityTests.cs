namespace Faas.Serverless.AzureStorage.Tests;

public sealed class TableEntityTests
{
    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u007fb")]
    public void Constructor_ForbiddenKeyCharacter_ThrowsArgumentException(string key)
    {
        Assert.Throws<ArgumentException>(() => new TableEntity(key, "row"));
        Assert.Throws<ArgumentException>(() => new TableEntity("partition", key));
    }

    [Fact]
    public void Indexer_Null_RemovesProperty()
    {
        var entity = new TableEntity("p", "r") { ["Name"] = "x" };

        entity["Name"] = null;

        Assert.Empty(entity.Properties);
        Assert.Null(entity.GetString("Name"));
    }

    [Fact]
    public void Indexer_UnsupportedValue_ThrowsArgumentException()
    {
        var entity = new TableEntity("p", "r");

        Assert.Throws<ArgumentException>(() => entity["Price"] = 1.5m);
        Assert.Throws<ArgumentException>(() => entity["Local"] = DateTime.Now);
        Assert.Throws<ArgumentException>(() => entity["PartitionKey"] = "x");
        Assert.Throws<ArgumentException>(() => entity["odata.etag"] = "x");
    }

    [Fact]
    public void Indexer_UtcDateTime_IsStoredAsDateTimeOffset()
    {
        var moment = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);

        var entity = new TableEntity("p", "r") { ["At"] = moment };

        Assert.Equal(new DateTimeOffset(moment), entity.GetDateTimeOffset("At"));
    }

    [Fact]
    public void Getters_AbsentOrWidenedOrMismatched_BehaveAsDocumented()
    {
        var entity = new TableEntity("p", "r") { ["Count"] = 3, ["Name"] = "x" };

        Assert.Null(entity.GetInt32("Missing"));
        Assert.Equal(3L, entity.GetInt64("Count"));
        Assert.Equal(3.0, entity.GetDouble("Count"));
        Assert.Throws<InvalidOperationException>(() => entity.GetInt32("Name"));
    }
}
