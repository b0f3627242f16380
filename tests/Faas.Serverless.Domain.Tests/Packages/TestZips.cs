using System.IO.Compression;
using System.Text;

namespace Faas.Serverless.Domain.Tests.Packages;

internal static class TestZips
{
    public const int UnixSymlinkAttributes = 0xA1FF << 16;

    public static byte[] Create(params (string Name, string Content)[] files) =>
        Create(archive =>
        {
            foreach (var (name, content) in files)
            {
                archive.AddFile(name, content);
            }
        });

    public static byte[] Create(Action<ZipArchive> build)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            build(archive);
        }

        return stream.ToArray();
    }

    public static void AddFile(
        this ZipArchive archive,
        string name,
        string content,
        int externalAttributes = 0,
        CompressionLevel compression = CompressionLevel.Optimal) =>
        archive.AddFile(name, Encoding.UTF8.GetBytes(content), externalAttributes, compression);

    public static void AddFile(
        this ZipArchive archive,
        string name,
        byte[] content,
        int externalAttributes = 0,
        CompressionLevel compression = CompressionLevel.Optimal)
    {
        var entry = archive.CreateEntry(name, compression);
        entry.ExternalAttributes = externalAttributes;
        using var stream = entry.Open();
        stream.Write(content);
    }
}

/// <summary>Stands in for a request body, which cannot seek.</summary>
internal sealed class NonSeekableStream(byte[] bytes) : Stream
{
    private readonly MemoryStream _inner = new(bytes, writable: false);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
