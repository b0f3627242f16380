using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Serverless.Api.Endpoints;

/// <summary>
/// Work items that no runner ever reported on (each ended its execution as <c>system-failure</c>): listable, and
/// replayable as a rerun of that execution, since the poisoned attempt itself is over.
/// </summary>
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

    /// <summary>Runs the letter's execution again (a new attempt cycle), then forgets the letter.</summary>
    private static async Task<Results<Accepted, ProblemHttpResult>> ReplayAsync(string id, HttpContext http, IDeadLetterStore store, ExecutionEngine engine, CancellationToken cancellationToken)
    {
        var projectId = http.GetProjectScope().Project.Id;
        if (await store.GetAsync(projectId, id, cancellationToken) is not { } letter)
        {
            return NotFound(id);
        }

        if (letter.ExecutionId is null || await engine.ReadAsync(letter.ExecutionId, cancellationToken) is not { } record)
        {
            return Problems.Conflict($"Dead letter '{id}' names no execution that still exists; there is nothing to run again. Delete it instead.");
        }

        if (!record.State.CanRerun)
        {
            return Problems.Conflict($"Execution '{record.Info.Id}' is {record.State.Status.ToWireName()}; a dead letter is replayed by rerunning its execution once it is finished.");
        }

        await engine.ApplyAsync(record.Info.Id, [new RerunRequested($"rerun-{record.State.Cycle + 1}", Caller.From(http.User).Id)], cancellationToken);
        await store.DeleteAsync(projectId, id, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, HttpContext http, IDeadLetterStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(http.GetProjectScope().Project.Id, id, cancellationToken) ? TypedResults.NoContent() : NotFound(id);

    private static ProblemHttpResult NotFound(string id) => Problems.NotFound($"Dead letter '{id}' was not found.");
}
