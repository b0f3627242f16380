using System.Runtime.CompilerServices;
using System.Text.Json;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Client;

public sealed partial class FaasClient
{
    /// <summary>
    /// Streams an execution's log lines over one request (<c>?follow=true</c>, JSON lines) as they are written,
    /// from <paramref name="cursor"/> (the start when null); ends once the execution is final and every line was sent.
    /// </summary>
    /// <param name="projectId">The project.</param>
    /// <param name="executionId">The execution.</param>
    /// <param name="cursor">The cursor of an earlier read, to go on from there.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    public async IAsyncEnumerable<ExecutionLogLine> StreamLogsAsync(string projectId, string executionId, string? cursor = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = ExecutionPath(projectId, executionId) + "/logs" + QueryString.Empty.With("cursor", cursor).With("follow", "true").Value;
        using var response = await SendAsync(HttpMethod.Get, path, content: null, cancellationToken).ConfigureAwait(false);
        await ProblemReader.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        using var stream = await ProblemReader.CancellableAsync(() => response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        while (await ProblemReader.CancellableAsync(() => reader.ReadLineAsync(cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0)
            {
                yield return JsonSerializer.Deserialize<ExecutionLogLine>(line, FaasJson.Options)
                    ?? throw new FaasApiException("The log stream sent a null line.");
            }
        }
    }
}
