using System.Net.Http.Headers;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Client;

public sealed partial class FaasClient
{
    /// <summary>
    /// Pushes a package: its schema (the <c>faas.json</c> text) and its codebase zip, whose root holds the entry points.
    /// Makes revision n+1, or answers the latest revision unchanged (<see cref="PushResult.Created"/> false) when the content equals it.
    /// </summary>
    /// <param name="projectId">The project.</param>
    /// <param name="schemaJson">The package JSON, as in <c>faas.json</c>.</param>
    /// <param name="codebaseZip">The zip, read from its current position (a retry rewinds it there when it can seek); not disposed.</param>
    /// <param name="cancellationToken">Stops the upload.</param>
    public async Task<PushResult> PushPackageAsync(string projectId, string schemaJson, Stream codebaseZip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        ArgumentNullException.ThrowIfNull(codebaseZip);
        var start = codebaseZip.CanSeek ? codebaseZip.Position : 0;
        HttpContent Form()
        {
            if (codebaseZip.CanSeek)
            {
                codebaseZip.Position = start;
            }

            var form = new MultipartFormDataContent();
            var schema = new StringContent(schemaJson);
            schema.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(schema, "schema", "faas.json");
            var codebase = new StreamContent(new NonDisposingStream(codebaseZip));
            codebase.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            form.Add(codebase, "codebase", "codebase.zip");
            return form;
        }

        var call = new ApiRequest(HttpMethod.Post, ProjectPath(projectId) + "/packages", Form) { Repeatable = codebaseZip.CanSeek };
        using var response = await SendAsync(call, cancellationToken).ConfigureAwait(false);
        var package = await ProblemReader.ReadJsonAsync<Package>(response, cancellationToken).ConfigureAwait(false);
        return new PushResult(package with { ETag = ETagOf(response) }, response.StatusCode == System.Net.HttpStatusCode.Created);
    }

    /// <summary>Lists a project's packages, each as of its latest revision.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="name">Only the package of this name (regardless of case).</param>
    /// <param name="pageSize">Items per request (1-500).</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<Package> ListPackagesAsync(string projectId, string? name = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        ListAsync<Package>(ProjectPath(projectId) + "/packages", QueryString.Empty.With("name", name), pageSize, cancellationToken);

    /// <summary>Reads a package as of its latest revision, or of <paramref name="revision"/>, with its <see cref="Package.ETag"/>.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="packageId">The package.</param>
    /// <param name="revision">A revision to show instead of the latest.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Package> GetPackageAsync(string projectId, string packageId, int? revision = null, CancellationToken cancellationToken = default) =>
        SendPackageAsync(HttpMethod.Get, PackagePath(projectId, packageId) + QueryString.Empty.With("revision", revision).Value, body: null, ifMatch: null, cancellationToken);

    /// <summary>Lists a package's revisions, oldest first.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="packageId">The package.</param>
    /// <param name="pageSize">Items per request (1-500).</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<PackageRevision> ListPackageRevisionsAsync(string projectId, string packageId, int? pageSize = null, CancellationToken cancellationToken = default) =>
        ListAsync<PackageRevision>(PackagePath(projectId, packageId) + "/revisions", QueryString.Empty, pageSize, cancellationToken);

    /// <summary>Deletes a package and all its revisions; <c>409</c> while a service uses it.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="packageId">The package.</param>
    /// <param name="ifMatch">A <see cref="Package.ETag"/>: delete only that state.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task DeletePackageAsync(string projectId, string packageId, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        DeleteAsync(PackagePath(projectId, packageId), cancellationToken, ifMatch);

    /// <summary>Copies a revision's codebase zip (the latest when <paramref name="revision"/> is null) to <paramref name="destination"/>.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="packageId">The package.</param>
    /// <param name="destination">Where the zip bytes go; not disposed.</param>
    /// <param name="revision">The revision.</param>
    /// <param name="cancellationToken">Stops the download.</param>
    /// <returns>The file name the API suggests, such as <c>hello-world-r3.zip</c>, when it names one.</returns>
    public async Task<string?> DownloadCodebaseAsync(string projectId, string packageId, Stream destination, int? revision = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var path = PackagePath(projectId, packageId) + "/codebase" + QueryString.Empty.With("revision", revision).Value;
        using var response = await SendAsync(HttpMethod.Get, path, content: null, cancellationToken).ConfigureAwait(false);
        await ProblemReader.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        await ProblemReader.CancellableAsync(
            async () =>
            {
                await response.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        return response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
    }

    private static string PackagePath(string projectId, string packageId) => ProjectPath(projectId) + "/packages/" + Escape(packageId);
}
