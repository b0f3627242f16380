namespace Faas.Serverless.AzureStorage.Tests;

public sealed class StorageConnectionTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void Parse_DevelopmentStorage_UsesAzuriteDefaultPorts()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableEndpoint);
    }

    [Fact]
    public void Parse_AccountNameAndKey_BuildsCloudEndpoints()
    {
        var connection = StorageConnection.Parse($"DefaultEndpointsProtocol=https;AccountName=myacct;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn;");

        Assert.Equal("myacct", connection.AccountName);
        Assert.Equal(new Uri("https://myacct.blob.core.chinacloudapi.cn"), connection.BlobEndpoint);
        Assert.Equal(new Uri("https://myacct.queue.core.chinacloudapi.cn"), connection.QueueEndpoint);
        Assert.Equal(new Uri("https://myacct.table.core.chinacloudapi.cn"), connection.TableEndpoint);
    }

    [Fact]
    public void Parse_DefaultsWithoutProtocolAndSuffix_UsesHttpsAndPublicCloud()
    {
        var connection = StorageConnection.Parse($"AccountName=myacct;AccountKey={Key}");

        Assert.Equal(new Uri("https://myacct.table.core.windows.net"), connection.TableEndpoint);
    }

    [Fact]
    public void Parse_ExplicitEndpoints_OverrideDefaults()
    {
        var connection = StorageConnection.Parse(
            $"accountname=devstoreaccount1;ACCOUNTKEY={Key};BlobEndpoint=http://127.0.0.1:5000/devstoreaccount1;" +
            "QueueEndpoint=http://127.0.0.1:5001/devstoreaccount1;TableEndpoint=http://127.0.0.1:5002/devstoreaccount1");

        Assert.Equal(new Uri("http://127.0.0.1:5000/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:5001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:5002/devstoreaccount1"), connection.TableEndpoint);
    }

    [Fact]
    public void Parse_MissingKey_ThrowsFormatExceptionNamingTheSetting()
    {
        var exception = Assert.Throws<FormatException>(() => StorageConnection.Parse("AccountName=myacct;EndpointSuffix=core.windows.net"));

        Assert.Contains("AccountKey", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("=value")]
    [InlineData("UseDevelopmentStorage=maybe")]
    [InlineData("AccountName=a;AccountName=b")]
    [InlineData("Colour=blue")]
    [InlineData("AccountName=my-acct;AccountKey=" + Key)]
    [InlineData("AccountName=myacct;AccountKey=" + Key + ";BlobEndpoint=not a url")]
    [InlineData("AccountName=myacct;AccountKey=" + Key + ";DefaultEndpointsProtocol=ftp")]
    [InlineData("UseDevelopmentStorage=true;AccountName=myacct")]
    [InlineData("BlobEndpoint=https://x.blob.core.windows.net;SharedAccessSignature=sv=2021")]
    public void Parse_Malformed_ThrowsFormatException(string connectionString)
    {
        Assert.Throws<FormatException>(() => StorageConnection.Parse(connectionString));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Blank_ThrowsArgumentException(string connectionString)
    {
        Assert.Throws<ArgumentException>(() => StorageConnection.Parse(connectionString));
    }

    [Fact]
    public void Parse_InvalidKey_DoesNotEchoTheKey()
    {
        const string secret = "not*base64*secret";

        var exception = Assert.Throws<FormatException>(() => StorageConnection.Parse($"AccountName=myacct;AccountKey={secret}"));

        Assert.DoesNotContain(secret, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_KeyConnection_DoesNotContainTheKey()
    {
        var connection = StorageConnection.Parse($"AccountName=myacct;AccountKey={Key}");

        Assert.DoesNotContain(Key, connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromServiceUris_CloudEndpoints_TakesAccountNameFromHost()
    {
        var connection = StorageConnection.FromServiceUris(
            new Uri("https://myacct.blob.core.windows.net"),
            new Uri("https://myacct.queue.core.windows.net"),
            new Uri("https://myacct.table.core.windows.net"),
            new Azure.Identity.DefaultAzureCredential());

        Assert.Equal("myacct", connection.AccountName);
    }

    [Fact]
    public void FromServiceUris_PlainHttp_ThrowsArgumentException()
    {
        var http = new Uri("http://127.0.0.1:10000/devstoreaccount1");

        Assert.Throws<ArgumentException>(() => StorageConnection.FromServiceUris(http, http, http, new Azure.Identity.DefaultAzureCredential()));
    }
}
