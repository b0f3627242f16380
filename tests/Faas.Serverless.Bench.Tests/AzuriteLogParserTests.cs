using Faas.Serverless.Bench;

namespace Faas.Serverless.Bench.Tests;

public sealed class AzuriteLogParserTests
{
    private const string Id = "675e0322-d95a-4d22-9cf7-16e5c83024f9";

    private static string Line(string time, string service, string method, string url) =>
        $"{time} {Id} info: {service}StorageContextMiddleware: RequestMethod={method} RequestURL={url} RequestHeaders:{{\"host\":\"127.0.0.1:10002\"}} ClientIP=127.0.0.1 Protocol=http HTTPVersion=1.1";

    [Theory]
    [InlineData("Table", "GET", "http://127.0.0.1/devstoreaccount1/texecutions(PartitionKey='p',RowKey='r')", "table", "GET entity")]
    [InlineData("Table", "PUT", "http://127.0.0.1/devstoreaccount1/texecutions(PartitionKey='p',RowKey='r')", "table", "PUT entity")]
    [InlineData("Table", "POST", "http://127.0.0.1/devstoreaccount1/$batch", "table", "POST $batch")]
    [InlineData("Table", "GET", "http://127.0.0.1/devstoreaccount1/texecutions()?$filter=PartitionKey%20eq%20'p'", "table", "GET query")]
    [InlineData("Table", "POST", "http://127.0.0.1/devstoreaccount1/Tables", "table", "POST tables")]
    [InlineData("Table", "POST", "http://127.0.0.1/devstoreaccount1/baredtInstances", "table", "POST entity")]
    [InlineData("Table", "PATCH", "http://127.0.0.1/devstoreaccount1/baredtInstances(PartitionKey='i',RowKey='')", "table", "PATCH entity")]
    [InlineData("Queue", "POST", "http://127.0.0.1/devstoreaccount1/work/messages", "queue", "POST messages")]
    [InlineData("Queue", "GET", "http://127.0.0.1/devstoreaccount1/work/messages?numofmessages=32", "queue", "GET messages")]
    [InlineData("Queue", "DELETE", "http://127.0.0.1/devstoreaccount1/work/messages/0f1e?popreceipt=x", "queue", "DELETE message")]
    [InlineData("Queue", "PUT", "http://127.0.0.1/devstoreaccount1/work", "queue", "PUT queue")]
    [InlineData("Blob", "PUT", "http://127.0.0.1/devstoreaccount1/code/p/1.zip", "blob", "PUT blob")]
    [InlineData("Blob", "GET", "http://127.0.0.1/devstoreaccount1?comp=list", "blob", "GET account")]
    public void Parse_RequestLine_ServiceAndOperation(string service, string method, string url, string expectedService, string expectedOperation)
    {
        var request = AzuriteLogParser.Parse(Line("2026-12-01T16:43:03.888Z", service, method, url));

        Assert.NotNull(request);
        Assert.Equal(expectedService, request.Service);
        Assert.Equal(expectedOperation, request.Operation);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 16, 43, 3, 888, TimeSpan.Zero), request.Timestamp);
    }

    [Theory]
    [InlineData("2026-12-01T16:43:03.889Z 675e0322-d95a-4d22-9cf7-16e5c83024f9 info: DispatchMiddleware: Operation=Table_Query")]
    [InlineData("2026-12-01T16:43:02.631Z \t info: Azurite Table service successfully listens on http://127.0.0.1:18002")]
    [InlineData("")]
    public void Parse_OtherLine_Null(string line) => Assert.Null(AzuriteLogParser.Parse(line));

    [Fact]
    public void Parse_MarkRequest_NamesTheMark()
    {
        var request = AzuriteLogParser.Parse(Line("2026-12-01T16:43:03.888Z", "Table", "GET", "http://127.0.0.1/devstoreaccount1/Tables('benchmarkclosedfrom')"));

        Assert.Equal("closedfrom", request!.Mark);
        Assert.Null(AzuriteLogParser.Parse(Line("2026-12-01T16:43:03.888Z", "Table", "GET", "http://127.0.0.1/devstoreaccount1/Tables('faasjobs')"))!.Mark);
    }

    [Fact]
    public void StorageCounts_BetweenMarks_CountsInLogOrderWhateverTheTimestamps()
    {
        var lines = new[]
        {
            Line("2026-12-01T16:00:00.500Z", "Table", "GET", "http://127.0.0.1/devstoreaccount1/t(PartitionKey='a',RowKey='b')"),
            Line("2026-12-01T16:00:00.600Z", "Table", "GET", "http://127.0.0.1/devstoreaccount1/Tables('benchmarkfrom')"),
            Line("2026-12-01T16:00:09.000Z", "Table", "GET", "http://127.0.0.1/devstoreaccount1/t(PartitionKey='a',RowKey='b')"),
            Line("2026-12-01T16:00:01.500Z", "Table", "GET", "http://127.0.0.1/devstoreaccount1/t(PartitionKey='a',RowKey='c')"),
            Line("2026-12-01T16:00:02.000Z", "Queue", "POST", "http://127.0.0.1/devstoreaccount1/work/messages"),
            "2026-12-01T16:00:02.100Z x verbose: DispatchMiddleware: Dispatching request...",
            Line("2026-12-01T16:00:02.200Z", "Table", "GET", "http://127.0.0.1/devstoreaccount1/Tables('benchmarkto')"),
            Line("2026-12-01T16:00:03.000Z", "Queue", "POST", "http://127.0.0.1/devstoreaccount1/work/messages"),
        };

        var counts = StorageCounts.Between(AzuriteLogParser.ParseAll(lines), "from", "to", seconds: 2);

        Assert.Equal(3, counts.Total);
        Assert.Equal(2.0, counts.Seconds);
        Assert.Equal(2, counts.ByOperation["table GET entity"]);
        Assert.Equal(1, counts.ByOperation["queue POST messages"]);
        Assert.Equal(1.0, counts.PerUnit(2)["table GET entity"]);
        Assert.Equal(new Dictionary<string, double> { ["table"] = 1.0, ["queue"] = 0.5 }, counts.PerService(2));
    }

    [Fact]
    public void StorageCounts_MissingMark_Throws() =>
        Assert.Throws<InvalidOperationException>(() => StorageCounts.Between([], "from", "to", 1));
}
