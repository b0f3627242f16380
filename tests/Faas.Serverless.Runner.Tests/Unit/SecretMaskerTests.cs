using System.Text.Json;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Secrets;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class SecretMaskerTests
{
    [Fact]
    public void Apply_TextWithValue_EveryOccurrenceMasked()
    {
        var masker = Masker("s3cr3t-value");

        Assert.Equal("token=*** again ***", masker.Apply("token=s3cr3t-value again s3cr3t-value"));
    }

    [Fact]
    public void Apply_ValueShorterThanMinimum_LeftAlone()
    {
        var masker = Masker("abc", "long-enough");

        Assert.Equal("abc and ***", masker.Apply("abc and long-enough"));
        Assert.False(Masker("on").IsActive);
    }

    [Fact]
    public void Apply_ValueContainingAnother_MaskedWhole()
    {
        var masker = Masker("abcd", "abcd-efgh");

        Assert.Equal("***", masker.Apply("abcd-efgh"));
    }

    [Fact]
    public void Apply_MultiLineValue_EachLineMasked()
    {
        var masker = Masker("-----BEGIN KEY-----\r\nMIIEvQIBADANBgkq\n-----END KEY-----");

        Assert.Equal("line: ***", masker.Apply("line: MIIEvQIBADANBgkq"));
    }

    [Fact]
    public void Apply_JsonOutputWithEscapedValue_StringsAndNamesMasked()
    {
        var masker = Masker("pässwörd\"1");
        var output = JsonDocument.Parse("""{"raw": "p\u00e4ssw\u00f6rd\"1", "list": [{"p\u00e4ssw\u00f6rd\"1": 1}], "n": 2}""").RootElement;

        var masked = masker.Apply(output);

        Assert.Equal("""{"raw":"***","list":[{"***":1}],"n":2}""", masked.GetRawText());
    }

    [Fact]
    public void Apply_NumericValueAsJsonNumber_ReplacedByMaskString()
    {
        var masker = Masker("12345678");

        Assert.Equal("""{"pin":"***"}""", masker.Apply(JsonDocument.Parse("""{"pin": 12345678}""").RootElement).GetRawText());
    }

    [Fact]
    public void Apply_FailedEvent_MessageAndTracebackMasked()
    {
        var masker = Masker("hunter22");
        var failed = new RunnerEvent
        {
            ExecutionId = "e",
            Attempt = 1,
            EventId = "1",
            Type = EventTypes.Failed,
            Timestamp = DateTimeOffset.UnixEpoch,
            Error = new ErrorInfo("RuntimeError", "bad hunter22", "File main.py\nRuntimeError: bad hunter22"),
        };

        var masked = masker.Apply(failed);

        Assert.Equal(("bad ***", "File main.py\nRuntimeError: bad ***"), (masked.Error!.Message, masked.Error.Traceback));
    }

    private static SecretMasker Masker(params string[] values)
    {
        var masker = new SecretMasker();
        masker.Use(values);
        return masker;
    }
}
