using System.Net.Http.Json;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Client;

public sealed partial class FaasClient
{
    /// <summary>Sends a call that answers a service, keeping the answer's <c>ETag</c> on it.</summary>
    private async Task<Service> SendServiceAsync(HttpMethod method, string path, object? body, string? ifMatch, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(JsonCall(method, path, body, ifMatch), cancellationToken).ConfigureAwait(false);
        var service = await ProblemReader.ReadJsonAsync<Service>(response, cancellationToken).ConfigureAwait(false);
        return service with { ETag = ETagOf(response) };
    }

    /// <summary>Sends a call that answers a package, keeping the answer's <c>ETag</c> on it.</summary>
    private async Task<Package> SendPackageAsync(HttpMethod method, string path, object? body, string? ifMatch, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(JsonCall(method, path, body, ifMatch), cancellationToken).ConfigureAwait(false);
        var package = await ProblemReader.ReadJsonAsync<Package>(response, cancellationToken).ConfigureAwait(false);
        return package with { ETag = ETagOf(response) };
    }

    private static ApiRequest JsonCall(HttpMethod method, string path, object? body, string? ifMatch) =>
        new(method, path, body is null ? null : () => JsonContent.Create(body, body.GetType(), options: FaasJson.Options)) { IfMatch = ifMatch };

    /// <summary>The header verbatim: the API compares <c>If-Match</c> by exact string equality.</summary>
    private static string? ETagOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("ETag", out var values) ? values.FirstOrDefault() : null;
}
