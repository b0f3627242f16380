using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Faas.Serverless.Dashboard;

/// <summary>One embedded file as served: its bytes, content type and strong ETag.</summary>
internal sealed record DashboardAsset(byte[] Content, string ContentType, EntityTagHeaderValue ETag);

/// <summary>
/// The dashboard's files, read once from the assembly's embedded manifest. The version is a hash of them all:
/// the page names its assets under <c>/ui/{version}/</c>, so a browser may keep them for good and still loads
/// the new ones as soon as the host runs a changed dashboard.
/// </summary>
internal sealed class DashboardAssets
{
    public const string IndexFile = "index.html";
    private const string VersionPlaceholder = "{{version}}";

    private readonly FrozenDictionary<string, DashboardAsset> _files;

    private DashboardAssets(FrozenDictionary<string, DashboardAsset> files, string version, DashboardAsset index)
    {
        _files = files;
        Version = version;
        Index = index;
    }

    public string Version { get; }

    /// <summary>index.html with the asset version filled in.</summary>
    public DashboardAsset Index { get; }

    public DashboardAsset? Find(string path) => _files.GetValueOrDefault(path);

    public static DashboardAssets Load()
    {
        var provider = new ManifestEmbeddedFileProvider(typeof(DashboardAssets).Assembly, "wwwroot");
        var types = new FileExtensionContentTypeProvider();
        var contents = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        Collect(provider, string.Empty, contents);
        if (!contents.TryGetValue(IndexFile, out var index))
        {
            throw new InvalidOperationException($"The dashboard's {IndexFile} is not embedded in {typeof(DashboardAssets).Assembly.GetName().Name}.");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, bytes) in contents)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path));
            hash.AppendData(bytes);
        }

        var version = Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
        var files = contents.ToFrozenDictionary(
            pair => pair.Key,
            pair => Asset(pair.Value, types.TryGetContentType(pair.Key, out var type) ? type : "application/octet-stream"),
            StringComparer.Ordinal);
        var page = Encoding.UTF8.GetString(index).Replace(VersionPlaceholder, version, StringComparison.Ordinal);
        return new DashboardAssets(files, version, Asset(Encoding.UTF8.GetBytes(page), "text/html; charset=utf-8"));
    }

    private static void Collect(IFileProvider provider, string folder, SortedDictionary<string, byte[]> contents)
    {
        // The provider lists a folder by its path from the root, which itself is "/".
        foreach (var entry in provider.GetDirectoryContents(folder.Length == 0 ? "/" : folder))
        {
            var path = folder.Length == 0 ? entry.Name : $"{folder}/{entry.Name}";
            if (entry.IsDirectory)
            {
                Collect(provider, path, contents);
                continue;
            }

            using var stream = entry.CreateReadStream();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            contents[path] = buffer.ToArray();
        }
    }

    private static DashboardAsset Asset(byte[] content, string contentType)
    {
        var type = contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal)
            ? contentType.Contains("charset", StringComparison.Ordinal) ? contentType : contentType + "; charset=utf-8"
            : contentType;
        return new DashboardAsset(content, type, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\""));
    }
}
