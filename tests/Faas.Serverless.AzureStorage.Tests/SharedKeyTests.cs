using Azure.Core;
using Azure.Core.Pipeline;
using Faas.Serverless.AzureStorage.Pipeline;

namespace Faas.Serverless.AzureStorage.Tests;

public sealed class SharedKeyTests
{
    private const string Date = "Sat, 21 Nov 2026 09:00:00 GMT";
    private static readonly byte[] DevelopmentKey = Convert.FromBase64String(
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==");

    [Fact]
    public void BuildStringToSign_PutBlock_CanonicalizesHeadersAndResource()
    {
        using var request = HttpClientTransport.Shared.CreateRequest();
        request.Method = RequestMethod.Put;
        request.Uri.Reset(new Uri("http://127.0.0.1:10000/devstoreaccount1/container/dir/a%20b.txt?comp=block&blockid=AAAAAAAAAAA%3D"));
        request.Headers.SetValue("x-ms-version", "2021-12-02");
        request.Headers.SetValue("x-ms-date", Date);
        request.Headers.SetValue("X-MS-Meta-Zeta", "z");
        request.Headers.SetValue("x-ms-meta-alpha", " a ");
        request.Headers.SetValue("Content-Type", "application/octet-stream");
        request.Headers.SetValue("If-Match", "\"0x1\"");
        request.Content = RequestContent.Create(new byte[5]);

        var stringToSign = SharedKeyPolicy.BuildStringToSign(request, "devstoreaccount1");

        Assert.Equal(
            "PUT\n\n\n5\n\napplication/octet-stream\n\n\n\"0x1\"\n\n\n\n" +
            "x-ms-date:" + Date + "\nx-ms-meta-alpha:a\nx-ms-meta-zeta:z\nx-ms-version:2021-12-02\n" +
            "/devstoreaccount1/devstoreaccount1/container/dir/a%20b.txt\nblockid:AAAAAAAAAAA=\ncomp:block",
            stringToSign);
        // Expected signature computed independently with `openssl dgst -sha256 -mac HMAC`.
        Assert.Equal("ogrcZNWQt1MaoLskl572hA3j01TzRJZ/uWAfIqMoM5I=", SharedKeyPolicy.Sign(DevelopmentKey, stringToSign));
    }

    [Fact]
    public void BuildStringToSign_EmptyBody_SignsEmptyContentLength()
    {
        using var request = HttpClientTransport.Shared.CreateRequest();
        request.Method = RequestMethod.Delete;
        request.Uri.Reset(new Uri("https://myacct.queue.core.windows.net/q"));
        request.Headers.SetValue("x-ms-date", Date);

        var stringToSign = SharedKeyPolicy.BuildStringToSign(request, "myacct");

        Assert.Equal("DELETE\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:" + Date + "\n/myacct/q", stringToSign);
    }

    [Fact]
    public void SharedKeyLiteStringToSign_Batch_KeepsOnlyDateAndResource()
    {
        var uri = new Uri("http://127.0.0.1:10002/devstoreaccount1/$batch?timeout=30");

        var stringToSign = SharedKeyLitePolicy.BuildStringToSign(uri, Date, "devstoreaccount1");

        Assert.Equal(Date + "\n/devstoreaccount1/devstoreaccount1/$batch", stringToSign);
        Assert.Equal("niR6jOSUDaFLumSu3Xn3s4IHW8l5GCkeXfJ1Ahtzb44=", SharedKeyPolicy.Sign(DevelopmentKey, stringToSign));
    }

    [Fact]
    public void SharedKeyLiteStringToSign_CompParameter_IsKept()
    {
        var uri = new Uri("https://myacct.table.core.windows.net/mytable?comp=acl&timeout=5");

        Assert.Equal(Date + "\n/myacct/mytable?comp=acl", SharedKeyLitePolicy.BuildStringToSign(uri, Date, "myacct"));
    }
}
