using System.Security.Cryptography;
using Faas.Serverless.CodebaseZip;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Supervisor.Isolation;

/// <summary>
/// Creates and removes replicas' folders. The host verifies the codebase blob's SHA-256 and extracts it itself,
/// into a folder of the replica's own that the replica can read and not change; nothing is shared between replicas.
/// </summary>
internal sealed class ReplicaWorkspaces(IPackageStore packages, ICodebaseStore codebases, string runnersRoot, IsolationLevel level)
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode TraverseOnly = Private | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public string RunnersRoot { get; } = Path.GetFullPath(runnersRoot);

    public async Task<ReplicaLayout> CreateAsync(Service service, string replicaId, int? uid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var layout = ReplicaLayout.For(RunnersRoot, $"{replicaId}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        CreateFolder(RunnersRoot, TraverseOnly);
        CreateFolder(Path.GetDirectoryName(layout.Root)!, TraverseOnly);
        CreateFolder(layout.Root, TraverseOnly);
        try
        {
            await ExtractAsync(service, layout.Codebase, cancellationToken);
            LockDown(layout.Codebase, uid);
            foreach (var own in new[] { layout.Home, layout.Tmp })
            {
                CreateFolder(own, Private);
                if (uid is { } id)
                {
                    Posix.Chown(own, id, id);
                }
            }

            CreateFolder(Path.GetDirectoryName(layout.Spool)!, TraverseOnly);
            CreateFolder(layout.Spool, Private);
            if (uid is { } spoolOwner)
            {
                // The previous process of this replica may have run as another uid of the pool.
                foreach (var entry in Directory.EnumerateFileSystemEntries(layout.Spool, "*", SearchOption.AllDirectories).Append(layout.Spool))
                {
                    Posix.Chown(entry, spoolOwner, spoolOwner);
                }
            }

            return layout;
        }
        catch
        {
            Delete(layout);
            throw;
        }
    }

    public static void Delete(ReplicaLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        try
        {
            Directory.Delete(layout.Root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone already, or busy: the next host start removes launch folders without a live process.
        }
    }

    private async Task ExtractAsync(Service service, string destination, CancellationToken cancellationToken)
    {
        var spec = service.Spec;
        var revision = await packages.GetRevisionAsync(service.ProjectId, spec.PackageId, spec.PackageRevision, cancellationToken)
            ?? throw new CodebaseException($"Package revision {spec.PackageRevision} of '{spec.PackageName}' no longer exists.");
        var zip = destination + ".zip";
        try
        {
            await using (var blob = await codebases.OpenReadAsync(revision.Codebase, cancellationToken))
            {
                var limit = Math.Max(ExtractionLimits.Default.MaxZipBytes, revision.Codebase.SizeBytes);
                await VerifiedCopy.CopyAsync(blob, revision.Codebase.Sha256, zip, limit, cancellationToken);
            }

            await using var stream = new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await SafeZipExtractor.ExtractAsync(stream, destination, ExtractionLimits.Default, cancellationToken);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    /// <summary>
    /// Owned by root (the host) so the replica cannot change it. With a uid of its own the replica reads it through
    /// its group and other replicas not at all (dirs 0550, files 0440); without, it is 0555/0444.
    /// </summary>
    private void LockDown(string codebase, int? uid)
    {
        var group = uid is not null && level.UsesUid();
        var directoryMode = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | (group ? 0 : UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var fileMode = UnixFileMode.UserRead | UnixFileMode.GroupRead | (group ? 0 : UnixFileMode.OtherRead);
        foreach (var file in Directory.EnumerateFiles(codebase, "*", SearchOption.AllDirectories))
        {
            Own(file, uid, group);
            SetMode(file, fileMode);
        }

        foreach (var dir in Directory.EnumerateDirectories(codebase, "*", SearchOption.AllDirectories).Append(codebase))
        {
            Own(dir, uid, group);
            SetMode(dir, directoryMode);
        }
    }

    private static void Own(string path, int? uid, bool group)
    {
        if (group)
        {
            Posix.Chown(path, 0, uid!.Value);
        }
    }

    private static void CreateFolder(string path, UnixFileMode mode)
    {
        Directory.CreateDirectory(path);
        SetMode(path, mode);
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }
}
