namespace Faas.Serverless.AzureStorage.Tests;

public sealed class TableContinuationTests
{
    [Theory]
    [InlineData("1!8!cGFydA--", "1!8!cm93")]
    [InlineData("1!8!cGFydA--", null)]
    [InlineData("ünicode/+=?&", "")]
    public void ToToken_RoundTrip_ReturnsEqualContinuation(string partitionKey, string? rowKey)
    {
        var continuation = new TableContinuation(partitionKey, rowKey);

        var token = continuation.ToToken();

        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.Equal(continuation, TableContinuation.FromToken(token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void FromToken_NullOrEmpty_ReturnsNull(string? token)
    {
        Assert.Null(TableContinuation.FromToken(token));
    }

    [Theory]
    [InlineData("not a token!")]
    [InlineData("e30")]
    [InlineData("WyJhIl0")]
    [InlineData("W251bGwsImEiXQ")]
    public void FromToken_Invalid_ThrowsFormatException(string token)
    {
        Assert.Throws<FormatException>(() => TableContinuation.FromToken(token));
    }
}
