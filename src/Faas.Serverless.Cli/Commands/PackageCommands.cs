using System.CommandLine;
using Faas.Serverless.Cli.Hosting;
using Faas.Serverless.Cli.Packaging;
using Faas.Serverless.Client.Models;
using Spectre.Console;

namespace Faas.Serverless.Cli.Commands;

/// <summary><c>faas packages push|list|get|revisions|download|delete</c>.</summary>
internal static class PackageCommands
{
    public static Command Create(Binder binder)
    {
        var command = new Command("packages", "Packages: a faas.json schema plus zipped Python code; each push of a name adds a revision.");
        command.Add(Push(binder));

        var list = new Command("list", "List the project's packages at their latest revision.");
        binder.Bind(list, async (session, cancellationToken) =>
        {
            var items = await Resolve.AllAsync(session.Client.ListPackagesAsync(session.ProjectId, cancellationToken: cancellationToken)).ConfigureAwait(false);
            session.Print.List(items, ("ID", p => p.Id), ("NAME", p => p.Name), ("REVISION", p => p.Version), ("MODULES", p => p.Modules.Select(m => m.Name)), ("UPDATED", p => p.UpdatedAt));
        });
        command.Add(Examples.Set(list, "faas packages list", "faas packages list -o json"));

        var package = new Argument<string>("package") { Description = "The package name or id." };
        var revision = new Option<int?>("--revision", "-r") { Description = "A revision number; the latest when left out." };
        var get = new Command("get", "Show a package: its modules and functions at one revision.") { package, revision };
        binder.Bind(get, async (session, cancellationToken) =>
        {
            var id = await Resolve.PackageIdAsync(session, session.Value(package), cancellationToken).ConfigureAwait(false);
            var found = await session.Client.GetPackageAsync(session.ProjectId, id, session.Value(revision), cancellationToken).ConfigureAwait(false);
            var functions = found.Modules.SelectMany(m => m.Functions.Select(f => $"{m.Name}.{f.Name}({string.Join(", ", (f.Input ?? []).Select(i => $"{i.Name}: {i.Type}"))})"));
            session.Print.Item(found, ("ID", found.Id), ("Name", found.Name), ("Revision", $"{found.Revision} of {found.Version}"), ("Functions", functions), ("Codebase", $"{found.Codebase.SizeBytes} bytes, sha256 {found.Codebase.Sha256}"), ("Updated", found.UpdatedAt), ("ETag", found.ETag));
        });
        command.Add(Examples.Set(get, "faas packages get hello-world", "faas packages get hello-world --revision 1 -o json"));

        var revisionsOf = new Argument<string>("package") { Description = "The package name or id." };
        var revisions = new Command("revisions", "List a package's revisions, oldest first.") { revisionsOf };
        binder.Bind(revisions, async (session, cancellationToken) =>
        {
            var id = await Resolve.PackageIdAsync(session, session.Value(revisionsOf), cancellationToken).ConfigureAwait(false);
            var items = await Resolve.AllAsync(session.Client.ListPackageRevisionsAsync(session.ProjectId, id, cancellationToken: cancellationToken)).ConfigureAwait(false);
            session.Print.List(items, ("REVISION", r => r.Revision), ("SHA256", r => r.Codebase.Sha256[..12]), ("BYTES", r => r.Codebase.SizeBytes), ("CREATED", r => r.CreatedAt), ("CREATOR", r => r.Creator));
        });
        command.Add(Examples.Set(revisions, "faas packages revisions hello-world"));

        command.Add(Download(binder));

        var deleted = new Argument<string>("package") { Description = "The package name or id." };
        var ifMatch = new Option<string?>("--if-match") { Description = "Delete only if the package is still at this ETag ('faas packages get' shows it)." };
        var delete = new Command("delete", "Delete a package and all its revisions (refused while a service uses it).") { deleted, ifMatch };
        binder.Bind(delete, async (session, cancellationToken) =>
        {
            var id = await Resolve.PackageIdAsync(session, session.Value(deleted), cancellationToken).ConfigureAwait(false);
            await session.Client.DeletePackageAsync(session.ProjectId, id, session.Value(ifMatch), cancellationToken).ConfigureAwait(false);
            session.Print.Done($"Deleted package {session.Value(deleted)}.", new { deleted = id });
        });
        command.Add(Examples.Set(delete, "faas packages delete hello-world"));
        return Examples.Set(command, "faas packages push samples/hello-world", "faas packages list");
    }

    private static Command Push(Binder binder)
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "The package folder: faas.json plus the code in src/ (or beside faas.json)." };
        folder.AcceptExistingOnly();
        var push = new Command("push", "Zip a package folder (honoring .faasignore) and push it as a new revision; unchanged content adds none.") { folder };
        binder.Bind(push, async (session, cancellationToken) =>
        {
            var package = PackageFolder.Open(session.Value(folder).FullName);
            using var zip = package.Zip();
            var result = session.Print.IsJson
                ? await session.Client.PushPackageAsync(session.ProjectId, package.SchemaJson, zip, cancellationToken).ConfigureAwait(false)
                : await UploadWithProgressAsync(session, package, zip, cancellationToken).ConfigureAwait(false);
            if (session.Print.IsJson)
            {
                session.Print.Json(new { created = result.Created, package = result.Package });
                return;
            }

            var found = result.Package;
            session.Print.Console.WriteLine(result.Created
                ? $"Pushed {found.Name} revision {found.Revision} ({found.Id})."
                : $"Unchanged: {found.Name} revision {found.Revision} already has this schema and code; no revision was added.");
        });
        return Examples.Set(push, "faas packages push samples/hello-world", "faas packages push . -o json");
    }

    private static async Task<PushResult> UploadWithProgressAsync(Session session, PackageFolder package, MemoryStream zip, CancellationToken cancellationToken)
    {
        PushResult? result = null;
        await session.Print.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn())
            .StartAsync(async progress =>
            {
                var upload = progress.AddTask($"Uploading {package.Files().Count} files", maxValue: Math.Max(zip.Length, 1));
                using var counted = new ProgressStream(zip, read => upload.Value = read);
                result = await session.Client.PushPackageAsync(session.ProjectId, package.SchemaJson, counted, cancellationToken).ConfigureAwait(false);
                upload.Value = upload.MaxValue;
            }).ConfigureAwait(false);
        return result!;
    }

    private static Command Download(Binder binder)
    {
        var package = new Argument<string>("package") { Description = "The package name or id." };
        var revision = new Option<int?>("--revision", "-r") { Description = "A revision number; the latest when left out." };
        var file = new Option<FileInfo?>("--file", "-f") { Description = "Where to write the zip; the API's name (NAME-rN.zip) in the current folder when left out." };
        var download = new Command("download", "Download a revision's codebase zip.") { package, revision, file };
        binder.Bind(download, async (session, cancellationToken) =>
        {
            var id = await Resolve.PackageIdAsync(session, session.Value(package), cancellationToken).ConfigureAwait(false);
            var temp = Path.Combine(Path.GetTempPath(), $"faas-{Guid.NewGuid():N}.zip");
            string? suggested;
            await using (var stream = File.Create(temp))
            {
                suggested = await session.Client.DownloadCodebaseAsync(session.ProjectId, id, stream, session.Value(revision), cancellationToken).ConfigureAwait(false);
            }

            var target = session.Value(file)?.FullName ?? Path.GetFullPath(Path.GetFileName(suggested ?? $"{session.Value(package)}.zip"));
            File.Move(temp, target, overwrite: true);
            session.Print.Done($"Saved {new FileInfo(target).Length} bytes to {target}.", new { file = target, bytes = new FileInfo(target).Length });
        });
        return Examples.Set(download, "faas packages download hello-world", "faas packages download hello-world -r 1 -f /tmp/code.zip");
    }
}
