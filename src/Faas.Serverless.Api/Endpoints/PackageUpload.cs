using System.Text.Json;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Validation;
using Faas.Serverless.Api.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Faas.Serverless.Api.Endpoints;

/// <summary>
/// Reads a push: multipart/form-data with a <c>schema</c> part (JSON) and a <c>codebase</c> part (zip). The zip
/// streams to a temp file with a hard size cap instead of being buffered in memory.
/// </summary>
internal sealed class PackageUpload : IAsyncDisposable
{
    private PackageUpload(PackageSchemaInput schema, FileStream? codebase)
    {
        Schema = schema;
        Codebase = codebase;
    }

    public PackageSchemaInput Schema { get; }

    public FileStream? Codebase { get; }

    public static async Task<PackageUpload> ReadAsync(HttpRequest request, PackageOptions options, JsonSerializerOptions json, CancellationToken cancellationToken = default)
    {
        var bodyLimit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodyLimit is { IsReadOnly: false })
        {
            bodyLimit.MaxRequestBodySize = options.MaxCodebaseSizeBytes + options.MaxSchemaSizeBytes + (64 * 1024);
        }

        var errors = new ValidationErrors();
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            errors.Add("body", "Send multipart/form-data with a 'schema' part (the package JSON) and a 'codebase' part (the zip).");
            throw new ValidationFailedException(errors);
        }

        PackageSchemaInput? schema = null;
        FileStream? codebase = null;
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                var name = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    ? HeaderUtilities.RemoveQuotes(disposition.Name).Value
                    : null;
                if (name == "schema" && schema is null)
                {
                    schema = await ReadSchemaAsync(section.Body, options.MaxSchemaSizeBytes, json, errors, cancellationToken);
                }
                else if (name == "codebase" && codebase is null)
                {
                    codebase = await BufferAsync(section.Body, options.MaxCodebaseSizeBytes, errors, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            errors.Add("body", $"The multipart body could not be read: {ex.Message}");
        }

        if (schema is null && errors.IsEmpty)
        {
            errors.Add("schema", "The 'schema' part with the package JSON is required.");
        }

        if (!errors.IsEmpty)
        {
            if (codebase is not null)
            {
                await codebase.DisposeAsync();
            }

            throw new ValidationFailedException(errors);
        }

        return new PackageUpload(schema!, codebase);
    }

    public async ValueTask DisposeAsync()
    {
        if (Codebase is not null)
        {
            await Codebase.DisposeAsync();
        }
    }

    private static async Task<PackageSchemaInput?> ReadSchemaAsync(Stream body, int limit, JsonSerializerOptions json, ValidationErrors errors, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        if (!await CopyBoundedAsync(body, buffer, limit, cancellationToken))
        {
            errors.Add("schema", $"The schema is larger than {limit} bytes.");
            return null;
        }

        try
        {
            var schema = JsonSerializer.Deserialize<PackageSchemaInput>(buffer.ToArray(), json);
            if (schema is null)
            {
                errors.Add("schema", "The schema must be a JSON object, not null.");
            }

            return schema;
        }
        catch (JsonException ex)
        {
            // Keyed by the part, as every other problem with it is; the JSON path is in the message.
            errors.Add("schema", $"The schema is not valid JSON: {ex.Message}");
            return null;
        }
    }

    private static async Task<FileStream?> BufferAsync(Stream body, long limit, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        if (await CopyBoundedAsync(body, file, limit, cancellationToken))
        {
            file.Position = 0;
            return file;
        }

        await file.DisposeAsync();
        errors.Add(CodebaseInspection.Field, $"The codebase zip is larger than the limit of {limit} bytes.");
        return null;
    }

    /// <summary>Copies at most <paramref name="limit"/> bytes; false when the source holds more.</summary>
    private static async Task<bool> CopyBoundedAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return false;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return true;
    }
}
