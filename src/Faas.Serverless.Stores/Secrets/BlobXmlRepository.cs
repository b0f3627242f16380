using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Faas.Serverless.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Faas.Serverless.Stores.Secrets;

/// <summary>
/// The Data Protection key ring as one XML blob, so every host on the storage account shares it. Keys arrive here
/// already sealed by the <see cref="KeyEncryptionKeyXmlEncryptor"/>; a new key is appended under the blob's ETag,
/// so two hosts adding keys at once both keep theirs.
/// </summary>
public sealed class BlobXmlRepository(BlobContainerClient container) : IXmlRepository
{
    public const string BlobName = "keyring.xml";
    private const int MaxAttempts = 10;
    private readonly BlobClient _blob = container.GetBlobClient(BlobName);

    public IReadOnlyCollection<XElement> GetAllElements() =>
        Translate(() => Read().Document?.Root?.Elements().ToList() ?? [], "reading the secrets key ring");

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        Translate(
            () =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    var (document, etag) = Read();
                    document ??= new XDocument(new XElement("repository"));
                    document.Root!.Add(element);
                    var conditions = etag is { } current ? new BlobRequestConditions { IfMatch = current } : new BlobRequestConditions { IfNoneMatch = ETag.All };
                    try
                    {
                        _blob.Upload(BinaryData.FromString(document.ToString(SaveOptions.DisableFormatting)), new BlobUploadOptions { Conditions = conditions });
                        return true;
                    }
                    catch (RequestFailedException ex) when ((ex.IsPreconditionFailed() || ex.IsConflict()) && attempt < MaxAttempts)
                    {
                        // Another host added a key first: add ours to the ring as it is now.
                    }
                }
            },
            "storing a key of the secrets key ring");
    }

    private (XDocument? Document, ETag? ETag) Read()
    {
        try
        {
            var content = _blob.DownloadContent().Value;
            return (XDocument.Parse(content.Content.ToString()), content.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
            return (null, null);
        }
    }

    // Data Protection's repository interface is synchronous; storage failures still surface as the domain's.
    private static T Translate<T>(Func<T> operation, string name)
    {
        try
        {
            return operation();
        }
        catch (Exception ex) when (StorageFailure.IsStorageFailure(ex))
        {
            throw StorageFailure.Translate(ex, name);
        }
    }
}
