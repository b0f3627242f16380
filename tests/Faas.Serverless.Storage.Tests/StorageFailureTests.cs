using Azure;
using Azure.Data.Tables;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Storage.Tests;

public sealed class StorageFailureTests
{
    [Theory]
    [InlineData(409, "EntityAlreadyExists", typeof(ConflictException))]
    [InlineData(412, "UpdateConditionNotSatisfied", typeof(PreconditionFailedException))]
    [InlineData(503, "ServerBusy", typeof(StorageUnavailableException))]
    [InlineData(500, "InternalError", typeof(StorageUnavailableException))]
    [InlineData(429, null, typeof(StorageUnavailableException))]
    [InlineData(400, "InvalidInput", typeof(StorageRejectedException))]
    public void Translate_Status_GivesTheDomainException(int status, string? errorCode, Type expected)
    {
        var translated = StorageFailure.Translate(new RequestFailedException(status, "refused", errorCode, null), "saving the service");

        Assert.IsType(expected, translated);
    }

    [Theory]
    [InlineData(413, null, true)]
    [InlineData(400, "EntityTooLarge", true)]
    [InlineData(400, "PropertyValueTooLarge", true)]
    [InlineData(400, "OutOfRangeInput", false)]
    public void Translate_Refusal_SaysWhetherItWasForSize(int status, string? errorCode, bool tooLarge)
    {
        var translated = Assert.IsType<StorageRejectedException>(StorageFailure.Translate(new RequestFailedException(status, "refused", errorCode, null), "saving"));

        Assert.Equal(tooLarge, translated.IsTooLarge);
    }

    [Fact]
    public void IsUnavailable_RetriesExhaustedOnNetworkFailures_IsTrue()
    {
        var exhausted = new AggregateException(new RequestFailedException("Connection refused"), new RequestFailedException("Connection refused"));

        Assert.True(StorageFailure.IsUnavailable(exhausted));
        Assert.False(StorageFailure.IsUnavailable(new AggregateException(new InvalidOperationException())));
    }

    [Fact]
    public async Task TranslateAsync_NothingListening_ThrowsStorageUnavailable()
    {
        var port = AzuriteFixture.FreePort();
        var options = StorageClientDefaults.TableOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var table = new TableServiceClient(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1", options)
            .GetTableClient("outage");

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            StorageFailure.TranslateAsync(() => table.GetEntityIfExistsAsync<TableEntity>("p", "r"), "reading the entity"));

        Assert.Contains("reading the entity", error.Message, StringComparison.Ordinal);
    }
}
