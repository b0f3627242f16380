using System.Buffers;
using System.Security.Cryptography;

namespace Faas.Serverless.Domain.Packages;

internal static class ZipHashing
{
    private const int BufferSize = 81_920;

    /// <summary>
    /// Reads <paramref name="source"/> to its end, hashing as it goes and copying to <paramref name="copy"/> if given.
    /// Stops as soon as more than <paramref name="maxBytes"/> have been read; the hash is then null.
    /// </summary>
    public static async Task<(string? Sha256, long Size)> ReadAsync(
        Stream source, Stream? copy, long maxBytes, CancellationToken cancellationToken = default)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long size = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                size += read;
                if (size > maxBytes)
                {
                    return (null, size);
                }

                hash.AppendData(buffer, 0, read);
                if (copy is not null)
                {
                    await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
