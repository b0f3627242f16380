namespace Faas.Serverless.AzureStorage.Tests;

public sealed class TableFilterTests
{
    [Fact]
    public void Quote_SingleQuote_IsDoubled()
    {
        Assert.Equal("'O''Brien'", TableFilter.Quote("O'Brien"));
    }

    [Fact]
    public void Format_TypedArguments_RendersLiterals()
    {
        var moment = new DateTimeOffset(2024, 2, 29, 12, 34, 56, 789, TimeSpan.FromHours(2));
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        var filter = TableFilter.Format(
            $"Name eq {"O'Brien"} and Active eq {true} and Count gt {5} and Big lt {5_000_000_000L} and Ratio ge {2.0} and At lt {moment} and Id eq {guid} and Blob eq {new byte[] { 0xAB, 0x01 }}");

        Assert.Equal(
            "Name eq 'O''Brien' and Active eq true and Count gt 5 and Big lt 5000000000L and Ratio ge 2.0 and " +
            "At lt datetime'2024-02-29T10:34:56.7890000Z' and Id eq guid'0f8fad5b-d9cb-469f-a165-70867728950e' and Blob eq X'ab01'",
            filter);
    }

    [Fact]
    public void Format_InjectionAttempt_StaysInsideTheLiteral()
    {
        const string hostile = "x' or PartitionKey ne '";

        Assert.Equal("PartitionKey eq 'x'' or PartitionKey ne '''", TableFilter.Format($"PartitionKey eq {hostile}"));
    }

    [Fact]
    public void Format_UnsupportedArgument_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => TableFilter.Format($"A eq {1.5m}"));
        Assert.Throws<ArgumentException>(() => TableFilter.Format($"A eq {(string?)null}"));
        Assert.Throws<ArgumentException>(() => TableFilter.Format($"A eq {DateTime.Now}"));
    }
}
