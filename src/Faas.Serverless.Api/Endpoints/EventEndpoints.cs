using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Faas.Serverless.Api.Triggers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Api.Endpoints;

/// <summary>
/// The event functions: Event Grid and CloudEvents ingress for a project. Each event names a resource and an action
/// and carries the resource; matching triggers start executions. See docs/triggers.md.
/// </summary>
internal static class EventEndpoints
{
    public static void MapEventEndpoints(this RouteGroupBuilder project)
    {
        var ingress = project.MapGroup("/events").WithTags("Events").WithMetadata(new EventIngressAttribute());
        ingress.MapPost("/eventgrid", EventGridAsync).RequireProjectRole(ProjectRole.Developer);
        ingress.MapPost("/cloudevents", CloudEventsAsync).RequireProjectRole(ProjectRole.Developer);
        ingress.MapMethods("/cloudevents", [HttpMethods.Options], Handshake).RequireProjectRole(ProjectRole.Developer);
        project.MapEventKeyEndpoints();
    }

    private static async Task<Results<Ok<EventGridValidationResponse>, Ok<EventsResponse>, ValidationProblem, ProblemHttpResult>> EventGridAsync(
        HttpContext http, EventTriggerDispatcher dispatcher, IOptions<TriggerOptions> options, CancellationToken cancellationToken)
    {
        if (http.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return UnsupportedMediaType();
        }

        EventGridRequest parsed;
        try
        {
            var body = await CloudEventReader.ReadBodyAsync(http.Request, cancellationToken);
            parsed = EventGridReader.Read(body, Caller.From(http.User).Id, options.Value.MaxEventsPerRequest);
        }
        catch (InvalidEventsException invalid)
        {
            return Invalid(invalid);
        }

        if (parsed.ValidationCode is { } code)
        {
            return TypedResults.Ok(new EventGridValidationResponse(code));
        }

        var results = await dispatcher.DispatchAsync(http.GetProjectScope().Project.Id, parsed.Events, cancellationToken);
        return TypedResults.Ok(new EventsResponse(results));
    }

    private static async Task<Results<Ok<EventsResponse>, ValidationProblem, ProblemHttpResult>> CloudEventsAsync(
        HttpContext http, EventTriggerDispatcher dispatcher, IOptions<TriggerOptions> options, CancellationToken cancellationToken)
    {
        if (!CloudEventReader.IsReadable(http.Request))
        {
            return UnsupportedMediaType();
        }

        IReadOnlyList<ResourceEvent> events;
        try
        {
            events = await CloudEventReader.ReadAsync(http.Request, Caller.From(http.User).Id, options.Value.MaxEventsPerRequest, cancellationToken);
        }
        catch (InvalidEventsException invalid)
        {
            return Invalid(invalid);
        }

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

    private static ValidationProblem Invalid(InvalidEventsException invalid)
    {
        var mode = invalid.Mode.ToString();
        return TypedResults.ValidationProblem(
            invalid.Errors.ToDictionary(),
            detail: $"Detected content mode: {mode} ({Describe(invalid.Mode)}). No event of the request fired.",
            title: "The events are invalid",
            extensions: new Dictionary<string, object?> { ["contentMode"] = mode });
    }

    private static string Describe(EventContentMode mode) => mode switch
    {
        EventContentMode.Binary => "ce-* headers with the resource JSON as the body",
        EventContentMode.Batch => "a JSON array of CloudEvents",
        EventContentMode.Structured => "one CloudEvent as a JSON object",
        _ => "a JSON array of Event Grid events",
    };

    private static ProblemHttpResult UnsupportedMediaType() =>
        TypedResults.Problem(
            "Send events as JSON: application/json (Event Grid), application/cloudevents+json, application/cloudevents-batch+json, or CloudEvents binary mode (ce-specversion and the other ce-* headers, a JSON body).",
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "Unsupported media type");
}

public sealed record EventGridValidationResponse(string ValidationResponse);
