using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;

namespace Faas.Serverless.Api.Endpoints;

internal static class BotEndpoints
{
    public static void MapBotEndpoints(this RouteGroupBuilder project)
    {
        var group = project.MapGroup("/bots").WithTags("Bots");
        group.MapPost("/", CreateAsync).RequireProjectRole(ProjectRole.Developer);
        group.MapGet("/", ListAsync);
        group.MapDelete("/{botId}", DeleteAsync).RequireProjectRole(ProjectRole.Developer);
    }

    private static async Task<Results<Created<IssuedBotResponse>, ValidationProblem>> CreateAsync(
        CreateBotRequest request, HttpContext http, BotService bots, CancellationToken cancellationToken)
    {
        if (Validate.Name(request.Name, "name") is { } error)
        {
            return Problems.Invalid("name", error);
        }

        var project = http.GetProjectScope().Project;
        var issued = await bots.CreateAsync(project, request.Name!.Trim(), Caller.From(http.User).Id, cancellationToken);
        var bot = issued.Bot;
        return TypedResults.Created($"/api/v1/projects/{project.Id}/bots/{bot.Id}", new IssuedBotResponse(bot.Id, bot.Email, bot.Name, bot.CreatedAt, issued.Secret));
    }

    private static async Task<Ok<Page<BotResponse>>> ListAsync(HttpContext http, BotService bots, CancellationToken cancellationToken)
    {
        var listed = await bots.ListAsync(http.GetProjectScope().Project.Id, cancellationToken);
        return TypedResults.Ok(Paging.All<BotResponse>([.. listed.Select(b => new BotResponse(b.Id, b.Email, b.Name, b.CreatedAt))]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string botId, HttpContext http, BotService bots, IMemoryCache cache, CancellationToken cancellationToken)
    {
        var revoked = await bots.RemoveAsync(http.GetProjectScope().Project.Id, botId, cancellationToken);
        if (revoked is null)
        {
            return Problems.NotFound($"Bot '{botId}' is not in this project.");
        }

        foreach (var key in revoked)
        {
            ApiKeyAuthenticationHandler.Forget(cache, key.Hash);
        }

        return TypedResults.NoContent();
    }
}
