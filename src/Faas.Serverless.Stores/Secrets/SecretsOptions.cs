namespace Faas.Serverless.Stores.Secrets;

/// <summary>Bound from <c>Faas:Secrets</c>: where the key that protects the secrets key ring comes from.</summary>
public sealed record SecretsOptions
{
    public const string Section = "Faas:Secrets";

    /// <summary>
    /// The key-encryption key, base64 of 32 random bytes. In Azure the app setting is a Key Vault reference, resolved
    /// with the Function App's managed identity, so the key is kept in Key Vault only (infra/modules/key-vault.bicep).
    /// </summary>
    public string? KeyEncryptionKey { get; init; }

    /// <summary>
    /// Where the key is kept when <see cref="KeyEncryptionKey"/> is not set: created on first use with 32 random
    /// bytes, readable by the host's user only. The local host defaults it to <c>.data/secrets.kek</c>.
    /// </summary>
    public string? KeyEncryptionKeyFile { get; init; }
}
