using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Stores.Secrets;

/// <summary>Seals each key of the Data Protection key ring with the <see cref="KeyEncryptionKey"/> before it is stored.</summary>
public sealed class KeyEncryptionKeyXmlEncryptor(KeyEncryptionKey kek) : IXmlEncryptor
{
    internal const string ElementName = "faasSealedKey";
    internal const string FingerprintAttribute = "kek";
    internal static readonly byte[] AssociatedData = Encoding.UTF8.GetBytes("faas-serverless data protection key v1");

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedKey = new XElement(
            ElementName,
            new XAttribute(FingerprintAttribute, kek.Fingerprint),
            Convert.ToBase64String(kek.Encrypt(plaintext, AssociatedData)));
        return new EncryptedXmlInfo(sealedKey, typeof(KeyEncryptionKeyXmlDecryptor));
    }
}

/// <summary>Opens what <see cref="KeyEncryptionKeyXmlEncryptor"/> sealed; Data Protection creates it with its services.</summary>
public sealed class KeyEncryptionKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var kek = services.GetRequiredService<KeyEncryptionKey>();
        var fingerprint = (string?)encryptedElement.Attribute(KeyEncryptionKeyXmlEncryptor.FingerprintAttribute);
        if (fingerprint != kek.Fingerprint)
        {
            throw new CryptographicException(
                $"A key of the secrets key ring was sealed with key-encryption key {fingerprint}, and this host has {kek.Fingerprint}: set Faas:Secrets:KeyEncryptionKey (or its file) to the key the key ring was made with.");
        }

        var plaintext = kek.Decrypt(Convert.FromBase64String(encryptedElement.Value), KeyEncryptionKeyXmlEncryptor.AssociatedData);
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}
