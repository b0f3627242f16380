using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Functions.Auth;
using Faas.Serverless.Functions.Http;
using Faas.Serverless.Orchestrations.Engine;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Serverless.Functions.Endpoints;

/// <summary>Messages that failed processing repeatedly: listable, and replayable onto the queue they came from.</summary>
internal static class DeadLetterEndpoints
{
    public static void MapDeadLetterEndpoints(this RouteGroupBuilder project)
    {
        var group = project.MapGroup("/dead-letters").WithTags("Dead letters");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/replay", ReplayAsync).RequireProjectRole(ProjectRole.Developer);
        group.MapDelete("/{id}", DeleteAsync).RequireProjectRole(ProjectRole.Developer);
    }

    private static async Task<Ok<Page<DeadLetter>>> ListAsync(HttpContext http, IDeadLetterStore store, int? pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(http.GetProjectScope().Project.Id, Paging.Request(pageSize, continuationToken), cancellationToken));

    private static async Task<Results<Ok<DeadLetter>, ProblemHttpResult>> GetAsync(string id, HttpContext http, IDeadLetterStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(http.GetProjectScope().Project.Id, id, cancellationToken) is { } letter ? TypedResults.Ok(letter) : NotFound(id);

    /// <summary>Puts the message back as it was; the handlers are idempotent, so a replay is always safe.</summary>
    private static async Task<Results<Accepted, ProblemHttpResult>> ReplayAsync(string id, HttpContext http, IDeadLetterStore store, ControlQueues queues, CancellationToken cancellationToken)
    {
        var projectId = http.GetProjectScope().Project.Id;
        if (await store.GetAsync(projectId, id, cancellationToken) is not { } letter)
        {
            return NotFound(id);
        }

        await queues.ReplayAsync(letter.QueueName, letter.MessageText, cancellationToken);
        await store.DeleteAsync(projectId, id, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, HttpContext http, IDeadLetterStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(http.GetProjectScope().Project.Id, id, cancellationToken) ? TypedResults.NoContent() : NotFound(id);

    private static ProblemHttpResult NotFound(string id) => Problems.NotFound($"Dead letter '{id}' was not found.");
}
