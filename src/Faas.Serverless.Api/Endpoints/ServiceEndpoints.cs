using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Domain.Validation;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Faas.Serverless.Api.Endpoints;

internal static class ServiceEndpoints
{
    public static void MapServiceEndpoints(this RouteGroupBuilder project)
    {
        var group = project.MapGroup("/services").WithTags("Services");
        group.MapPost("/", CreateAsync).RequireProjectRole(ProjectRole.Developer);
        group.MapGet("/", ListAsync);
        group.MapGet("/{serviceId}", GetAsync);
        group.MapPatch("/{serviceId}", UpdateAsync).RequireProjectRole(ProjectRole.Developer);
        group.MapDelete("/{serviceId}", DeleteAsync).RequireProjectRole(ProjectRole.Developer);
        group.MapGet("/{serviceId}/status", GetStatusAsync);
        group.MapGet("/{serviceId}/versions", ListVersionsAsync);
        group.MapPost("/{serviceId}/rollback", RollbackAsync).RequireProjectRole(ProjectRole.Developer);
        group.MapPost("/{serviceId}/stop", (string serviceId, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext http, ServiceManager manager, CancellationToken cancellationToken) =>
            SetActiveAsync(serviceId, false, ifMatch, http, manager, cancellationToken)).RequireProjectRole(ProjectRole.Developer);
        group.MapPost("/{serviceId}/start", (string serviceId, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext http, ServiceManager manager, CancellationToken cancellationToken) =>
            SetActiveAsync(serviceId, true, ifMatch, http, manager, cancellationToken)).RequireProjectRole(ProjectRole.Developer);
        group.MapGet("/{serviceId}/bot", GetBotAsync);
    }

    private static async Task<Created<ServiceResponse>> CreateAsync(ServiceRequest request, HttpContext http, ServiceManager manager, CancellationToken cancellationToken)
    {
        var project = http.GetProjectScope().Project;
        var service = await manager.CreateAsync(project, request, Caller.From(http.User).Id, cancellationToken);
        http.Response.Headers.ETag = service.ETag;
        return TypedResults.Created($"/api/v1/projects/{project.Id}/services/{service.Id}", ServiceResponse.From(service));
    }

    private static async Task<Ok<Page<ServiceResponse>>> ListAsync(HttpContext http, IServiceStore services, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var page = await services.ListAsync(http.GetProjectScope().Project.Id, Paging.Request(pageSize, continuationToken), cancellationToken);
        return TypedResults.Ok(new Page<ServiceResponse>([.. page.Items.Select(ServiceResponse.From)], page.ContinuationToken));
    }

    private static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> GetAsync(string serviceId, HttpContext http, IServiceStore services, CancellationToken cancellationToken)
    {
        var service = await services.GetAsync(http.GetProjectScope().Project.Id, serviceId, cancellationToken);
        if (service is null)
        {
            return NotFound(serviceId);
        }

        http.Response.Headers.ETag = service.ETag;
        return TypedResults.Ok(ServiceResponse.From(service));
    }

    private static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> UpdateAsync(
        string serviceId, ServiceRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext http, ServiceManager manager, CancellationToken cancellationToken)
    {
        var service = await manager.UpdateAsync(http.GetProjectScope().Project, serviceId, request, ifMatch, Caller.From(http.User).Id, cancellationToken);
        return Changed(http, serviceId, service);
    }

    private static async Task<Results<Accepted<ServiceResponse>, ProblemHttpResult>> DeleteAsync(
        string serviceId, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext http, ServiceManager manager, TriggerManager triggers, CancellationToken cancellationToken)
    {
        var service = await manager.DeleteAsync(http.GetProjectScope().Project.Id, serviceId, ifMatch, cancellationToken);
        if (service is null)
        {
            return NotFound(serviceId);
        }

        // After the mark, so that a trigger created from here on is refused (TriggerManager checks again after storing one).
        await triggers.DeleteForServiceAsync(service.ProjectId, service.Id, cancellationToken);
        return TypedResults.Accepted($"/api/v1/projects/{service.ProjectId}/services/{service.Id}/status", ServiceResponse.From(service));
    }

    private static async Task<Results<Ok<ServiceStatusReport>, ProblemHttpResult>> GetStatusAsync(
        string serviceId, HttpContext http, IServiceStore services, IReplicaStore replicas, CancellationToken cancellationToken)
    {
        var service = await services.GetAsync(http.GetProjectScope().Project.Id, serviceId, cancellationToken);
        if (service is null)
        {
            return NotFound(serviceId);
        }

        var deployment = await replicas.GetDeploymentAsync(serviceId, cancellationToken);
        return TypedResults.Ok(ServiceStatusReport.Compute(service, deployment, await replicas.ListReplicasAsync(serviceId, cancellationToken)));
    }

    private static async Task<Results<Ok<Page<ServiceVersionResponse>>, ProblemHttpResult>> ListVersionsAsync(
        string serviceId, int? pageSize, string? continuationToken, HttpContext http, IServiceStore services, CancellationToken cancellationToken)
    {
        var projectId = http.GetProjectScope().Project.Id;
        if (await services.GetAsync(projectId, serviceId, cancellationToken) is null)
        {
            return NotFound(serviceId);
        }

        var page = await services.ListRevisionsAsync(projectId, serviceId, Paging.Request(pageSize, continuationToken), cancellationToken);
        return TypedResults.Ok(new Page<ServiceVersionResponse>([.. page.Items.Select(ServiceVersionResponse.From)], page.ContinuationToken));
    }

    private static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> RollbackAsync(
        string serviceId, RollbackRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext http, ServiceManager manager, CancellationToken cancellationToken)
    {
        if (request.Version is not { } version)
        {
            var errors = new ValidationErrors();
            errors.Add("version", "version is required: the service version to deploy again.");
            throw new ValidationFailedException(errors);
        }

        return Changed(http, serviceId, await manager.RollbackAsync(http.GetProjectScope().Project, serviceId, version, ifMatch, Caller.From(http.User).Id, cancellationToken));
    }

    private static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> SetActiveAsync(
        string serviceId, bool active, string? ifMatch, HttpContext http, ServiceManager manager, CancellationToken cancellationToken) =>
        Changed(http, serviceId, await manager.SetActiveAsync(http.GetProjectScope().Project.Id, serviceId, active, ifMatch, cancellationToken));

    private static async Task<Results<Ok<BotResponse>, ProblemHttpResult>> GetBotAsync(
        string serviceId, HttpContext http, IServiceStore services, IUserStore users, CancellationToken cancellationToken)
    {
        var service = await services.GetAsync(http.GetProjectScope().Project.Id, serviceId, cancellationToken);
        var bot = service is null ? null : await users.GetAsync(service.Spec.BotUserId, cancellationToken);
        return bot is null ? NotFound(serviceId) : TypedResults.Ok(new BotResponse(bot.Id, bot.Email, bot.Name, bot.CreatedAt));
    }

    private static Results<Ok<ServiceResponse>, ProblemHttpResult> Changed(HttpContext http, string serviceId, Service? service)
    {
        if (service is null)
        {
            return NotFound(serviceId);
        }

        http.Response.Headers.ETag = service.ETag;
        return TypedResults.Ok(ServiceResponse.From(service));
    }

    private static ProblemHttpResult NotFound(string serviceId) => Problems.NotFound($"Service '{serviceId}' was not found.");
}
