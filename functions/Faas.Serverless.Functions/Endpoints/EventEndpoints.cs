using System.Text.Json;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Functions.Auth;
using Faas.Serverless.Functions.Http;
using Faas.Serverless.Functions.Triggers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Functions.Endpoints;

/// <summary>
/// The event functions: Event Grid and CloudEvents ingress for a project. Each event names a resource and an action
/// and carries the resource; matching triggers start executions. See docs/triggers.md.
/// </summary>
internal static class EventEndpoints
{
    public static void MapEventEndpoints(this RouteGroupBuilder project)
    {
        var group = project.MapGroup("/events").WithTags("Events").WithMetadata(new QueryKeyAllowedAttribute());
        group.MapPost("/eventgrid", EventGridAsync).RequireProjectRole(ProjectRole.Developer);
        group.MapPost("/cloudevents", CloudEventsAsync).RequireProjectRole(ProjectRole.Developer);
        group.MapMethods("/cloudevents", [HttpMethods.Options], Handshake).RequireProjectRole(ProjectRole.Developer);
    }

    private static async Task<Results<Ok<EventGridValidationResponse>, Ok<EventsResponse>, ProblemHttpResult>> EventGridAsync(
        HttpContext http, EventTriggerDispatcher dispatcher, IOptions<TriggerOptions> options, CancellationToken cancellationToken)
    {
        if (UnsupportedMediaType(http.Request) is { } unsupported)
        {
            return unsupported;
        }

        using var body = await ReadJsonAsync(http.Request, cancellationToken);
        var parsed = EventGridParser.Parse(body.RootElement, Caller.From(http.User).Id, options.Value.MaxEventsPerRequest);
        if (parsed.ValidationCode is { } code)
        {
            return TypedResults.Ok(new EventGridValidationResponse(code));
        }

        var results = await dispatcher.DispatchAsync(http.GetProjectScope().Project.Id, parsed.Events, cancellationToken);
        return TypedResults.Ok(new EventsResponse(results));
    }

    private static async Task<Results<Ok<EventsResponse>, ProblemHttpResult>> CloudEventsAsync(
        HttpContext http, EventTriggerDispatcher dispatcher, IOptions<TriggerOptions> options, CancellationToken cancellationToken)
    {
        if (UnsupportedMediaType(http.Request) is { } unsupported)
        {
            return unsupported;
        }

        using var body = await ReadJsonAsync(http.Request, cancellationToken);
        var events = CloudEventParser.Parse(body.RootElement, Caller.From(http.User).Id, options.Value.MaxEventsPerRequest);
        return TypedResults.Ok(new EventsResponse(await dispatcher.DispatchAsync(http.GetProjectScope().Project.Id, events, cancellationToken)));
    }

    /// <summary>The CloudEvents webhook abuse protection handshake: the sender asks whether it may deliver here.</summary>
    private static Results<Ok, ValidationProblem> Handshake(HttpContext http)
    {
        var origin = http.Request.Headers["WebHook-Request-Origin"].ToString();
        if (origin.Length == 0)
        {
            return Problems.Invalid("WebHook-Request-Origin", "The abuse protection handshake needs a WebHook-Request-Origin header.");
        }

        http.Response.Headers["WebHook-Allowed-Origin"] = origin;
        http.Response.Headers["WebHook-Allowed-Rate"] = "*";
        http.Response.Headers.Allow = "POST, OPTIONS";
        return TypedResults.Ok();
    }

    // The CloudEvents media types are JSON too, which the minimal API body binder would refuse, so the body is read here.
    private static async Task<JsonDocument> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException("The request body is not valid JSON.", StatusCodes.Status400BadRequest, ex);
        }
    }

    private static ProblemHttpResult? UnsupportedMediaType(HttpRequest request) =>
        request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
            ? null
            : TypedResults.Problem(
                "Send events as JSON: application/json (Event Grid), application/cloudevents+json or application/cloudevents-batch+json.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type");
}

public sealed record EventGridValidationResponse(string ValidationResponse);
