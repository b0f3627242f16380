using System.Text.Json;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Packages;

/// <summary>
/// Pushes and updates packages. Each change reads the head, validates, and commits revision n+1 with the head's
/// ETag; a concurrent writer makes the commit fail and the change is retried on the new head, so no revision is
/// lost and no number is used twice.
/// </summary>
public sealed class PackageService(IPackageStore packages, ICodebaseStore codebases, CodebaseInspector inspector, TimeProvider clock)
{
    private const int MaxAttempts = 25;

    /// <summary>
    /// Creates the package, or a new revision of the package with the schema's name, unless the latest revision already
    /// has exactly this schema and codebase: then it is returned as it is, so that pushing again what is deployed
    /// (a retried upload, a CI run without changes) adds no revision.
    /// </summary>
    /// <param name="codebase">The zip, seekable; null when the request had none.</param>
    public async Task<PackagePush> PushAsync(string projectId, PackageSchemaInput input, Stream? codebase, string creator, CancellationToken cancellationToken = default)
    {
        var (schema, errors) = PackageSchemaValidator.Validate(input);
        CodebaseInspection? inspection = null;
        if (codebase is null)
        {
            errors.Add(CodebaseInspection.Field, "A codebase zip is required: send it as the multipart part 'codebase'.");
        }
        else
        {
            inspection = await inspector.InspectAsync(codebase, cancellationToken);
            errors.AddAll(inspection.Errors);
            if (schema is not null && inspection.IsValid)
            {
                errors.AddAll(CodebaseInspector.CheckModules(schema, inspection));
            }
        }

        if (!errors.IsEmpty || schema is null || codebase is null || inspection?.Sha256 is null)
        {
            throw new ValidationFailedException(errors);
        }

        var stored = new CodebaseRef(inspection.Sha256, inspection.SizeBytes);
        codebase.Position = 0;
        await codebases.SaveAsync(stored, codebase, cancellationToken);
        return await RetryOnStaleAsync(
            async () => await packages.FindByNameAsync(projectId, schema.Name, cancellationToken) is not { } current
                ? new PackagePush(await packages.CreateAsync(new PackageRevision(Ids.New(), projectId, 1, schema, stored, clock.GetUtcNow(), creator), schema.Name, cancellationToken), Created: true)
                : current.Codebase == stored && SameSchema(current.Schema, schema with { Name = current.Name })
                ? new PackagePush(current, Created: false)
                : new PackagePush(await packages.AddRevisionAsync(current, schema with { Name = current.Name }, stored, creator, clock.GetUtcNow(), cancellationToken), Created: true),
            retry: true);
    }

    /// <summary>
    /// Changes the modules without new code: revision n+1 shares the codebase of revision n and is validated
    /// against it. With <paramref name="ifMatch"/> the change applies only to that exact head.
    /// </summary>
    /// <returns>The new head, or null when the package does not exist.</returns>
    public async Task<Package?> UpdateAsync(string projectId, string packageId, PackageSchemaInput patch, string? ifMatch, string updater, CancellationToken cancellationToken = default)
    {
        return await RetryOnStaleAsync(
            async () =>
            {
                var current = await packages.GetAsync(projectId, packageId, cancellationToken);
                if (current is null)
                {
                    return null;
                }

                if (ifMatch is not null && ifMatch != current.ETag)
                {
                    throw new PreconditionFailedException($"Package '{packageId}' is at version {current.Version}; the If-Match ETag is stale.");
                }

                var schema = await ValidatePatchAsync(current, patch, cancellationToken);
                return await packages.AddRevisionAsync(current, schema, current.Codebase, updater, clock.GetUtcNow(), cancellationToken);
            },
            retry: ifMatch is null);
    }

    private async Task<PackageSchema> ValidatePatchAsync(Package current, PackageSchemaInput patch, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (patch.Name is not null && !string.Equals(patch.Name, current.Name, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("name", $"A package cannot be renamed ('{current.Name}'); push a new package instead.");
        }

        if (patch.Modules is null)
        {
            errors.Add("modules", "modules is required: it is what an update changes (push to change the code).");
        }

        var (schema, schemaErrors) = PackageSchemaValidator.Validate(patch with { Name = current.Name });
        errors.AddAll(schemaErrors);
        if (errors.IsEmpty && schema is not null)
        {
            await using var zip = await BufferAsync(current.Codebase, cancellationToken);
            var inspection = await inspector.InspectAsync(zip, cancellationToken);
            errors.AddAll(inspection.IsValid ? CodebaseInspector.CheckModules(schema, inspection) : inspection.Errors);
        }

        return errors.IsEmpty && schema is not null ? schema : throw new ValidationFailedException(errors);
    }

    /// <summary>Zip reading needs a seekable stream; a temp file keeps large codebases out of memory.</summary>
    private async Task<Stream> BufferAsync(CodebaseRef codebase, CancellationToken cancellationToken)
    {
        var buffer = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (var source = await codebases.OpenReadAsync(codebase, cancellationToken))
        {
            await source.CopyToAsync(buffer, cancellationToken);
        }

        buffer.Position = 0;
        return buffer;
    }

    /// <summary>Schemas hold lists, which records compare by reference; their JSON compares them by content.</summary>
    private static bool SameSchema(PackageSchema a, PackageSchema b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);

    private static async Task<T> RetryOnStaleAsync<T>(Func<Task<T>> readAndCommit, bool retry)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await readAndCommit();
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ConflictException && retry && attempt < MaxAttempts)
            {
                // Spread retries so that writers racing on one head do not collide again in lockstep.
                await Task.Delay(Random.Shared.Next(1, 10 * attempt));
            }
        }
    }
}
