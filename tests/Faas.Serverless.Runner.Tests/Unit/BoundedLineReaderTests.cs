using System.Text;
using Faas.Serverless.Runner.Worker;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class BoundedLineReaderTests
{
    [Fact]
    public async Task ReadLineAsync_LinesOfAnySize_ShortOnesWholeLongOnesCutAndFlagged()
    {
        var text = "first\r\n" + new string('x', 200_000) + "\nafter\nno newline";
        var reader = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), 1000);

        Assert.Equal(("first", 6L, false), await NextAsync(reader));
        Assert.Equal((new string('x', 1000), 200_000L, true), await NextAsync(reader));
        Assert.Equal(("after", 5L, false), await NextAsync(reader));
        Assert.Equal(("no newline", 10L, false), await NextAsync(reader));
        Assert.Null(await reader.ReadLineAsync());
    }

    [Fact]
    public async Task ReadLineAsync_HundredMegabyteLine_HoldsOnlyTheLimit()
    {
        var reader = new BoundedLineReader(new EndlessStream(100 * 1024 * 1024), 64 * 1024);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var line = await reader.ReadLineAsync();

        Assert.True(line!.Value.TooLong);
        Assert.Equal((100L * 1024 * 1024, 64 * 1024), (line.Value.Length, line.Value.Bytes.Length));

        // Holding the line would take 100 MB; whatever tests run alongside allocate far less than half of that.
        Assert.InRange(GC.GetTotalAllocatedBytes(precise: true) - before, 0, 50 * 1024 * 1024);
    }

    private static async Task<(string Text, long Length, bool TooLong)?> NextAsync(BoundedLineReader reader) =>
        await reader.ReadLineAsync() is { } line ? (Encoding.UTF8.GetString(line.Bytes.Span), line.Length, line.TooLong) : null;

    /// <summary><c>length</c> bytes of 'y' then a newline, produced on the fly.</summary>
    private sealed class EndlessStream(long length) : Stream
    {
        private long _left = length;
        private bool _newlineSent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left > 0)
            {
                var n = (int)Math.Min(count, _left);
                buffer.AsSpan(offset, n).Fill((byte)'y');
                _left -= n;
                return n;
            }

            if (_newlineSent || count == 0)
            {
                return 0;
            }

            _newlineSent = true;
            buffer[offset] = (byte)'\n';
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
