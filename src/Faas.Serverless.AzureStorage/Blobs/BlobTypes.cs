namespace Faas.Serverless.AzureStorage;

public sealed record BlobItem(string Name, long ContentLength, string ETag, DateTimeOffset LastModified, string? ContentType);

/// <summary>A blob's system properties and metadata. <see cref="LeaseState"/> is "available", "leased", "expired", "breaking" or "broken".</summary>
public sealed record BlobProperties(
    string ETag,
    DateTimeOffset LastModified,
    long ContentLength,
    string? ContentType,
    IReadOnlyDictionary<string, string> Metadata,
    string? LeaseState);

public sealed record BlobUploadOptions
{
    public string? ContentType { get; init; }

    /// <summary>Write only if the blob's ETag matches.</summary>
    public string? IfMatch { get; init; }

    /// <summary>"*" writes only if the blob does not exist yet.</summary>
    public string? IfNoneMatch { get; init; }

    /// <summary>Required when the blob is leased.</summary>
    public string? LeaseId { get; init; }

    /// <summary>Names must be C# identifiers, values ASCII.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
