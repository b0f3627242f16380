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
    /// <param name="codebaseZip">The zip, read from its current position; not disposed.</param>
    /// <param name="cancellationToken">Stops the upload.</param>
    public async Task<PushResult> PushPackageAsync(string projectId, string schemaJson, Stream codebaseZip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        ArgumentNullException.ThrowIfNull(codebaseZip);
        using var form = new MultipartFormDataContent();
        var schema = new StringContent(schemaJson);
        schema.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(schema, "schema", "faas.json");
        var codebase = new StreamContent(codebaseZip);
        codebase.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(codebase, "codebase", "codebase.zip");

        using var response = await SendAsync(HttpMethod.Post, ProjectPath(projectId) + "/packages", form, cancellationToken).ConfigureAwait(false);
        var package = await ProblemReader.ReadJsonAsync<Package>(response, cancellationToken).ConfigureAwait(false);
        return new PushResult(package, response.StatusCode == System.Net.HttpStatusCode.Created);
    }

    /// <summary>Lists a project's packages, each as of its latest revision.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="name">Only the package of this name (regardless of case).</param>
    /// <param name="pageSize">Items per request (1-500).</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<Package> ListPackagesAsync(string projectId, string? name = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        ListAsync<Package>(ProjectPath(projectId) + "/packages", QueryString.Empty.With("name", name), pageSize, cancellationToken);

    /// <summary>Reads a package as of its latest revision, or of <paramref name="revision"/>.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="packageId">The package.</param>
    /// <param name="revision">A revision to show instead of the latest.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Package> GetPackageAsync(string projectId, string packageId, int? revision = null, CancellationToken cancellationToken = default) =>
        GetAsync<Package>(ProjectPath(projectId) + "/packages/" + Escape(packageId) + QueryString.Empty.With("revision", revision).Value, cancellationToken);

    /// <summary>Lists a package's revisions, oldest first.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="packageId">The package.</param>
    /// <param name="pageSize">Items per request (1-500).</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<PackageRevision> ListPackageRevisionsAsync(string projectId, string packageId, int? pageSize = null, CancellationToken cancellationToken = default) =>
        ListAsync<PackageRevision>(ProjectPath(projectId) + "/packages/" + Escape(packageId) + "/revisions", QueryString.Empty, pageSize, cancellationToken);
}
