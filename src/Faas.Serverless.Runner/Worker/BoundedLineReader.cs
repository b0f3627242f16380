using System.Buffers;

namespace Faas.Serverless.Runner.Worker;

/// <summary>
/// Reads <c>\n</c>-terminated lines of bytes from a pipe, holding at most <c>maxLineBytes</c> of any line: the rest of a
/// longer line is read and thrown away, so a worker that writes a gigabyte without a newline costs the agent nothing.
/// </summary>
internal sealed class BoundedLineReader(Stream stream, int maxLineBytes)
{
    private const int ShrinkAbove = 1024 * 1024;

    private readonly byte[] _buffer = new byte[64 * 1024];
    private ArrayBufferWriter<byte> _line = new();
    private int _start;
    private int _end;

    /// <summary>The next line (without its newline), or null at EOF. Its bytes are valid until the next call.</summary>
    public async Task<BoundedLine?> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        if (_line.Capacity > ShrinkAbove)
        {
            // One huge line must not pin its buffer for the life of the worker.
            _line = new ArrayBufferWriter<byte>();
        }

        _line.ResetWrittenCount();
        long length = 0;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken);
                if (_end == 0)
                {
                    return length > 0 ? Complete(length) : null;
                }
            }

            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            var chunk = newline >= 0 ? available[..newline] : available;
            var keep = (int)Math.Clamp(maxLineBytes - length, 0, chunk.Length);
            _line.Write(chunk[..keep]);
            length += chunk.Length;
            _start += newline >= 0 ? newline + 1 : chunk.Length;
            if (newline >= 0)
            {
                return Complete(length);
            }
        }
    }

    private BoundedLine Complete(long length)
    {
        var bytes = _line.WrittenMemory;
        if (bytes.Length > 0 && bytes.Span[^1] == (byte)'\r' && length == bytes.Length)
        {
            bytes = bytes[..^1];
        }

        return new BoundedLine(bytes, length, length > maxLineBytes);
    }
}

/// <summary>A line as read: <see cref="Bytes"/> holds the whole line, or its first bytes when <see cref="TooLong"/>.</summary>
internal readonly record struct BoundedLine(ReadOnlyMemory<byte> Bytes, long Length, bool TooLong);
