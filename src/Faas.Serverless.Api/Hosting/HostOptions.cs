using System.ComponentModel.DataAnnotations;

namespace Faas.Serverless.Api.Hosting;

/// <summary>Bound from <c>Faas:Auth</c> (env <c>Faas__Auth__AdminKey</c>).</summary>
public sealed record AuthOptions
{
    public const string Section = "Faas:Auth";

    [Required(ErrorMessage = "Faas:Auth:AdminKey is required: set Faas__Auth__AdminKey (scripts/start.sh generates one).")]
    [MinLength(24, ErrorMessage = "Faas:Auth:AdminKey must be at least 24 characters.")]
    public string AdminKey { get; init; } = string.Empty;

    /// <summary>
    /// How long a resolved API key, project and project membership are trusted before storage is asked again: the
    /// delay before a revoked key or a removed member is refused by another host (this host refuses at once).
    /// </summary>
    [Range(0, 300)]
    public int KeyCacheSeconds { get; init; } = 5;
}

/// <summary>Bound from <c>Faas:Packages</c> (host.json <c>extensions.faas.packages</c>).</summary>
public sealed record PackageOptions
{
    public const string Section = "Faas:Packages";

    [Range(1024, 2L * 1024 * 1024 * 1024)]
    public long MaxCodebaseSizeBytes { get; init; } = 100L * 1024 * 1024;

    [Range(1024, 16L * 1024 * 1024 * 1024)]
    public long MaxUncompressedSizeBytes { get; init; } = 500L * 1024 * 1024;

    [Range(1, 1_000_000)]
    public int MaxEntries { get; init; } = 10_000;

    [Range(1, 64 * 1024 * 1024)]
    public int MaxSchemaSizeBytes { get; init; } = 1024 * 1024;
}
