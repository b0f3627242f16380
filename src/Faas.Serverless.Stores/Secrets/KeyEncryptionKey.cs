using System.Security.Cryptography;

namespace Faas.Serverless.Stores.Secrets;

/// <summary>
/// The key that encrypts the Data Protection key ring before it is stored (AES-256-GCM). It never goes to storage:
/// locally it is a file outside it (or a setting), in Azure a Key Vault secret the host reads with its identity.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const int SizeBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] _key;

    public KeyEncryptionKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != SizeBytes)
        {
            throw new ArgumentException($"A key-encryption key is {SizeBytes} bytes; got {key.Length}.", nameof(key));
        }

        _key = [.. key];

        // Tells which key protected a key ring without revealing it: 64 bits of its SHA-256.
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(key))[..16];
    }

    public string Fingerprint { get; }

    /// <returns>nonce ‖ tag ‖ ciphertext.</returns>
    public byte[] Encrypt(byte[] plaintext, byte[] associatedData)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), associatedData);
        return sealedBytes;
    }

    /// <exception cref="CryptographicException">Not sealed by this key, or altered.</exception>
    public byte[] Decrypt(byte[] sealedBytes, byte[] associatedData)
    {
        ArgumentNullException.ThrowIfNull(sealedBytes);
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("The sealed key is too short.");
        }

        var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plaintext, associatedData);
        return plaintext;
    }
}
