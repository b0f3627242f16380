using System.Security.Cryptography;

namespace Faas.Serverless.CodebaseZip;

/// <summary>Copies a codebase zip to a file, bounded in size, and fails unless its SHA-256 is the pinned one.</summary>
public static class VerifiedCopy
{
    private const int BufferSize = 81920;

    /// <summary>The pinned hash in canonical form (64 lowercase hex digits), or a <see cref="CodebaseException"/>.</summary>
    public static string NormalizeSha256(string? sha256)
    {
        var lower = sha256?.Trim().ToLowerInvariant() ?? string.Empty;
        if (lower.Length != 64 || !lower.All(char.IsAsciiHexDigitLower))
        {
            throw new CodebaseException($"The codebase sha256 '{sha256}' is not 64 hex digits.");
        }

        return lower;
    }

    /// <summary>Writes <paramref name="input"/> to a new file at <paramref name="path"/>.</summary>
    public static async Task CopyAsync(Stream input, string sha256, string path, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var expected = NormalizeSha256(sha256);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
        {
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new CodebaseException($"The codebase download exceeds {maxBytes} bytes.");
                }

                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw new CodebaseException($"The downloaded codebase ({total} bytes) has SHA-256 {actual}, but the spec pins {expected}.");
        }
    }
}
