using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Serverless.Api.Endpoints;

/// <summary><c>GET …/services/{serviceId}/events</c>: what happened to a service besides its versions (restarts for secrets).</summary>
internal static class ServiceEventEndpoints
{
    public static void MapServiceEventEndpoints(this RouteGroupBuilder project) =>
        project.MapGet("/services/{serviceId}/events", ListAsync).WithTags("Services");

    private static async Task<Results<Ok<Page<ServiceEventResponse>>, ProblemHttpResult>> ListAsync(
        string serviceId, int? pageSize, string? continuationToken, HttpContext http, IServiceStore services, IServiceEventStore events, CancellationToken cancellationToken)
    {
        var projectId = http.GetProjectScope().Project.Id;
        if (await services.GetAsync(projectId, serviceId, cancellationToken) is null)
        {
            return Problems.NotFound($"Service '{serviceId}' was not found.");
        }

        var page = await events.ListAsync(projectId, serviceId, Paging.Request(pageSize, continuationToken), cancellationToken);
        return TypedResults.Ok(new Page<ServiceEventResponse>([.. page.Items.Select(ServiceEventResponse.From)], page.ContinuationToken));
    }
}

public sealed record ServiceEventResponse(string Id, string Type, string Subject, string Message, int ServiceVersion, string Actor, DateTimeOffset CreatedAt)
{
    public static ServiceEventResponse From(ServiceEvent serviceEvent)
    {
        ArgumentNullException.ThrowIfNull(serviceEvent);
        return new(serviceEvent.Id, serviceEvent.Type, serviceEvent.Subject, serviceEvent.Message, serviceEvent.ServiceVersion, serviceEvent.Actor, serviceEvent.CreatedAt);
    }
}
