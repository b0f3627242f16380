using System.Net.Http.Headers;
using Faas.Serverless.Runner.Options;

namespace Faas.Serverless.Runner.Api;

/// <summary>
/// Adds the bot key to requests for the host's own origin only, so a codebase URL that points elsewhere
/// (a storage SAS link, say) never receives the token.
/// </summary>
internal sealed class BearerTokenHandler(RunnerOptions options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { } uri && IsHostOrigin(uri))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        }

        return base.SendAsync(request, cancellationToken);
    }

    private bool IsHostOrigin(Uri uri) =>
        Uri.Compare(uri, options.HostUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
