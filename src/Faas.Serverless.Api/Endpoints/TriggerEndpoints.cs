using System.Text.Json;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Faas.Serverless.Api.Endpoints;

internal static class TriggerEndpoints
{
    public static void MapTriggerEndpoints(this RouteGroupBuilder project)
    {
        var group = project.MapGroup("/triggers").WithTags("Triggers");
        group.MapPost("/", CreateAsync).RequireProjectRole(ProjectRole.Developer);
        group.MapGet("/", ListAsync);
        group.MapGet("/{triggerId}", GetAsync);
        group.MapPatch("/{triggerId}", UpdateAsync).RequireProjectRole(ProjectRole.Developer);
        group.MapDelete("/{triggerId}", DeleteAsync).RequireProjectRole(ProjectRole.Developer);
        group.MapPost("/{triggerId}/activate", (string triggerId, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext http, TriggerManager manager, TimeProvider clock, CancellationToken cancellationToken) =>
            SetActiveAsync(triggerId, true, ifMatch, http, manager, clock, cancellationToken)).RequireProjectRole(ProjectRole.Developer);
        group.MapPost("/{triggerId}/deactivate", (string triggerId, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext http, TriggerManager manager, TimeProvider clock, CancellationToken cancellationToken) =>
            SetActiveAsync(triggerId, false, ifMatch, http, manager, clock, cancellationToken)).RequireProjectRole(ProjectRole.Developer);
    }

    private static async Task<Created<TriggerResponse>> CreateAsync(TriggerRequest request, HttpContext http, TriggerManager manager, TimeProvider clock, CancellationToken cancellationToken)
    {
        var projectId = http.GetProjectScope().Project.Id;
        var trigger = await manager.CreateAsync(projectId, request, Caller.From(http.User).Id, cancellationToken);
        http.Response.Headers.ETag = trigger.ETag;
        var response = TriggerResponse.From(trigger, clock.GetUtcNow());
        return TypedResults.Created(response.Url, response);
    }

    private static async Task<Ok<Page<TriggerResponse>>> ListAsync(HttpContext http, ITriggerStore triggers, TimeProvider clock, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var page = await triggers.ListAsync(http.GetProjectScope().Project.Id, Paging.Request(pageSize, continuationToken), cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new Page<TriggerResponse>([.. page.Items.Select(trigger => TriggerResponse.From(trigger, now))], page.ContinuationToken));
    }

    private static async Task<Results<Ok<TriggerResponse>, ProblemHttpResult>> GetAsync(string triggerId, HttpContext http, ITriggerStore triggers, TimeProvider clock, CancellationToken cancellationToken) =>
        Found(http, triggerId, await triggers.GetAsync(http.GetProjectScope().Project.Id, triggerId, cancellationToken), clock);

    private static async Task<Results<Ok<TriggerResponse>, ProblemHttpResult>> UpdateAsync(
        string triggerId, JsonElement patch, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext http, TriggerManager manager, TimeProvider clock, CancellationToken cancellationToken) =>
        Found(http, triggerId, await manager.UpdateAsync(http.GetProjectScope().Project.Id, triggerId, patch, ifMatch, cancellationToken), clock);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string triggerId, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext http, TriggerManager manager, CancellationToken cancellationToken) =>
        await manager.DeleteAsync(http.GetProjectScope().Project.Id, triggerId, ifMatch, cancellationToken)
            ? TypedResults.NoContent()
            : NotFound(triggerId);

    private static async Task<Results<Ok<TriggerResponse>, ProblemHttpResult>> SetActiveAsync(
        string triggerId, bool active, string? ifMatch, HttpContext http, TriggerManager manager, TimeProvider clock, CancellationToken cancellationToken) =>
        Found(http, triggerId, await manager.SetActiveAsync(http.GetProjectScope().Project.Id, triggerId, active, ifMatch, cancellationToken), clock);

    private static Results<Ok<TriggerResponse>, ProblemHttpResult> Found(HttpContext http, string triggerId, Trigger? trigger, TimeProvider clock)
    {
        if (trigger is null)
        {
            return NotFound(triggerId);
        }

        http.Response.Headers.ETag = trigger.ETag;
        return TypedResults.Ok(TriggerResponse.From(trigger, clock.GetUtcNow()));
    }

    private static ProblemHttpResult NotFound(string triggerId) => Problems.NotFound($"Trigger '{triggerId}' was not found.");
}
