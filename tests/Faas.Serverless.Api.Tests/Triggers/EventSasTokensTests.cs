using System.Security.Cryptography;
using System.Text;
using System.Web;
using Azure;
using Azure.Messaging.EventGrid;
using Faas.Serverless.Api.Auth;

namespace Faas.Serverless.Api.Tests.Triggers;

public sealed class EventSasTokensTests
{
    private const string Path = "/api/v1/projects/p1/events/eventgrid";
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly Uri Endpoint = new("http://127.0.0.1:7071" + Path);
    private static readonly DateTimeOffset Now = new(2030, 1, 2, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Check_TokenOfTheSdksBuilder_IsAccepted()
    {
        var token = new EventGridSasBuilder(Endpoint, Now.AddHours(1)).GenerateSas(new AzureKeyCredential(Key));

        Assert.Null(EventSasTokens.Check(token, Key, Path, Now));
    }

    [Theory]
    // What GenerateSas writes under ICU's en-US (ICU 72 puts a narrow no-break space before PM), and the invariant form.
    [InlineData("1/2/2030 4:00:00\u202FPM +00:00")]
    [InlineData("1/2/2030 4:00:00 PM +00:00")]
    [InlineData("01/02/2030 16:00:00 +00:00")]
    [InlineData("1/2/2030 5:00:00 PM +01:00")]
    public void Check_ExpiryInEachFormTheSdkWrites_IsRead(string expiry)
    {
        var token = Sign($"r={HttpUtility.UrlEncode(Endpoint + "?api-version=2018-01-01")}&e={HttpUtility.UrlEncode(expiry)}");

        Assert.Null(EventSasTokens.Check(token, Key, Path, Now));
        Assert.StartsWith("The SAS token expired at 2030-01-02T16:00:00", EventSasTokens.Check(token, Key, Path, Now.AddHours(1)), StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_ReadsBackAndCoversOnlyItsResource()
    {
        var forEvents = EventSasTokens.Issue(new Uri("http://host/api/v1/projects/p1/events"), Now.AddMinutes(5), Key);
        var forCloudEvents = EventSasTokens.Issue(new Uri("http://host/api/v1/projects/p1/events/cloudevents"), Now.AddMinutes(5), Key);

        Assert.StartsWith("r=http%3a%2f%2fhost%2fapi%2fv1%2fprojects%2fp1%2fevents%3fapi-version%3d2018-01-01&e=1%2f2%2f2030+3%3a05%3a00+PM+%2b00%3a00&s=", forEvents, StringComparison.Ordinal);
        Assert.Null(EventSasTokens.Check(forEvents, Key, Path, Now));
        Assert.Null(EventSasTokens.Check(forEvents, Key, "/api/v1/projects/p1/events/cloudevents", Now));
        Assert.Null(EventSasTokens.Check(forCloudEvents, Key, "/api/v1/projects/p1/events/cloudevents", Now));
        Assert.Equal("The SAS token is for 'http://host/api/v1/projects/p1/events/cloudevents?api-version=2018-01-01', not for '/api/v1/projects/p1/events/eventgrid'.", EventSasTokens.Check(forCloudEvents, Key, Path, Now));
        Assert.NotNull(EventSasTokens.Check(forEvents, Key, "/api/v1/projects/p2/events/eventgrid", Now));
    }

    [Theory]
    [InlineData("r=x&e=y")]
    [InlineData("s=abc&r=x&e=y")]
    [InlineData("r=x&e=y&s=not*base64")]
    public void Check_MalformedToken_SaysWhy(string token) =>
        Assert.StartsWith("The SAS token", EventSasTokens.Check(token, Key, Path, Now), StringComparison.Ordinal);

    [Fact]
    public void Check_TamperedExpiry_FailsTheSignature()
    {
        var token = new EventGridSasBuilder(Endpoint, Now.AddHours(1)).GenerateSas(new AzureKeyCredential(Key));
        var tampered = token.Replace("2030", "2031", StringComparison.Ordinal);

        Assert.Equal("The SAS token's signature does not match this project's event key.", EventSasTokens.Check(tampered, Key, Path, Now));
    }

    private static string Sign(string unsigned) =>
        $"{unsigned}&s={HttpUtility.UrlEncode(Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(Key), Encoding.UTF8.GetBytes(unsigned))))}";
}
