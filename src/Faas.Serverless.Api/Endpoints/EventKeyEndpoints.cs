using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Faas.Serverless.Api.Triggers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Api.Endpoints;

/// <summary>
/// The project's event key, for publishers (aeg-sas-key), and SAS tokens made from it (aeg-sas-token). These routes
/// are not ingress routes, so an event key or a SAS token cannot call them.
/// </summary>
internal static class EventKeyEndpoints
{
    private static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromHours(1);
    private static readonly string[] Routes = ["eventgrid", "cloudevents"];

    public static void MapEventKeyEndpoints(this RouteGroupBuilder project)
    {
        var keys = project.MapGroup("/events").WithTags("Events");
        keys.MapGet("/key", GetKey).RequireProjectRole(ProjectRole.Owner);
        keys.MapPost("/token", IssueToken).RequireProjectRole(ProjectRole.Developer);
    }

    private static Ok<EventKeyResponse> GetKey(HttpContext http, EventKeys eventKeys)
    {
        var projectId = http.GetProjectScope().Project.Id;
        var events = IngressUri(http.Request, projectId, null);
        return TypedResults.Ok(new EventKeyResponse(eventKeys.KeyFor(projectId), events + "/eventgrid", events + "/cloudevents"));
    }

    private static Results<Ok<EventTokenResponse>, ValidationProblem> IssueToken(
        HttpContext http, EventTokenRequest? body, EventKeys eventKeys, IOptions<TriggerOptions> options, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var expiresOn = body?.ExpiresOn ?? now + DefaultTokenLifetime;
        var longest = TimeSpan.FromDays(options.Value.MaxEventTokenDays);
        if (expiresOn <= now || expiresOn - now > longest)
        {
            return Problems.Invalid("expiresOn", $"expiresOn must be in the future and at most {options.Value.MaxEventTokenDays} days away (extensions.faas.triggers.maxEventTokenDays).");
        }

        if (body?.Route is { } route && !Routes.Contains(route, StringComparer.Ordinal))
        {
            return Problems.Invalid("route", $"route is 'eventgrid', 'cloudevents', or absent for both ingress routes; '{route}' is neither.");
        }

        var projectId = http.GetProjectScope().Project.Id;
        var resource = new Uri(IngressUri(http.Request, projectId, body?.Route));
        // Whole seconds, as the token writes them: the answer then states the expiry the token carries.
        var expiry = new DateTimeOffset(expiresOn.UtcTicks - (expiresOn.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return TypedResults.Ok(new EventTokenResponse(EventSasTokens.Issue(resource, expiry, eventKeys.KeyFor(projectId)), resource.AbsoluteUri, expiry));
    }

    private static string IngressUri(HttpRequest request, string projectId, string? route) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/api/v1/projects/{projectId}/events{(route is null ? string.Empty : "/" + route)}";
}

/// <param name="Key">The event key, for aeg-sas-key, ?code= and signing SAS tokens (EventGridSasBuilder.GenerateSas).</param>
public sealed record EventKeyResponse(string Key, string EventGridUrl, string CloudEventsUrl);

/// <param name="ExpiresOn">Default one hour from now.</param>
/// <param name="Route">eventgrid or cloudevents to limit the token to one ingress route; absent for both.</param>
public sealed record EventTokenRequest(DateTimeOffset? ExpiresOn, string? Route);

public sealed record EventTokenResponse(string Token, string Resource, DateTimeOffset ExpiresOn);
