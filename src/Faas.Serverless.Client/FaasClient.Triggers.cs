using System.Net.Http.Headers;
using System.Net.Http.Json;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Client;

public sealed partial class FaasClient
{
    /// <summary>Creates a trigger; <c>409</c> when its name is taken in the project.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="request">The trigger.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Trigger> CreateTriggerAsync(string projectId, CreateTriggerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendJsonAsync<Trigger>(HttpMethod.Post, ProjectPath(projectId) + "/triggers", request, cancellationToken);
    }

    /// <summary>Lists a project's triggers.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="pageSize">Items per request (1-500).</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<Trigger> ListTriggersAsync(string projectId, int? pageSize = null, CancellationToken cancellationToken = default) =>
        ListAsync<Trigger>(ProjectPath(projectId) + "/triggers", QueryString.Empty, pageSize, cancellationToken);

    /// <summary>Reads a trigger; cron triggers show their next fire times.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="triggerId">The trigger.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Trigger> GetTriggerAsync(string projectId, string triggerId, CancellationToken cancellationToken = default) =>
        GetAsync<Trigger>(ProjectPath(projectId) + "/triggers/" + Escape(triggerId), cancellationToken);

    /// <summary>Deletes a trigger.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="triggerId">The trigger.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task DeleteTriggerAsync(string projectId, string triggerId, CancellationToken cancellationToken = default) =>
        DeleteAsync(ProjectPath(projectId) + "/triggers/" + Escape(triggerId), cancellationToken);

    /// <summary>Sends resource events to the project's event triggers as one CloudEvents batch, and answers what each started.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="events">The events, in order.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public async Task<SendEventsResult> SendEventsAsync(string projectId, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var content = JsonContent.Create(events, options: FaasJson.Options);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents-batch+json");
        using var response = await SendAsync(HttpMethod.Post, ProjectPath(projectId) + "/events/cloudevents", content, cancellationToken).ConfigureAwait(false);
        return await ProblemReader.ReadJsonAsync<SendEventsResult>(response, cancellationToken).ConfigureAwait(false);
    }
}
