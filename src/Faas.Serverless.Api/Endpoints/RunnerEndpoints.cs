using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Domain.Validation;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Faas.Serverless.Orchestrations.Work;
using Faas.Serverless.Orchestrations.Engine;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Api.Endpoints;

/// <summary>
/// The host side of the runner protocol. Only the service's own bot may call it: a runner holds its bot's key
/// and nothing else, so removing or demoting the bot cuts the service's runners off.
/// </summary>
internal static partial class RunnerEndpoints
{
    private const int MaxWaitSeconds = 30;
    private const int MaxWatchedLeases = 256;

    public static void MapRunnerEndpoints(this RouteGroupBuilder project)
    {
        var group = project.MapGroup("/services/{serviceId}").WithTags("Runner protocol");
        group.AddEndpointFilter<ServiceBotFilter>();
        group.MapGet("/runner-spec", GetSpecAsync);
        group.MapGet("/runner-secrets", GetSecretsAsync);
        group.MapPut("/replicas/{replicaId}", ReportReplicaAsync);
        group.MapPost("/work/lease", LeaseAsync);
        group.MapPost("/work/renew", RenewAsync);
        group.MapPost("/work/events", ReportEventsAsync);
        group.MapPost("/work/watch", WatchAsync);
    }

    private static async Task<Results<Ok<RunnerSpecResponse>, ProblemHttpResult>> GetSpecAsync(
        HttpContext http, IPackageStore packages, IUserStore users, ServiceWorkQueues queues, IOptions<ExecutionLimitOptions> limits, CancellationToken cancellationToken)
    {
        var service = http.GetRunnerService();
        var spec = service.Spec;
        var revision = await packages.GetRevisionAsync(service.ProjectId, spec.PackageId, spec.PackageRevision, cancellationToken);
        var package = await packages.GetAsync(service.ProjectId, spec.PackageId, cancellationToken);
        var module = revision?.Schema.FindModule(spec.ModuleName);
        var bot = await users.GetAsync(spec.BotUserId, cancellationToken);
        if (package is null || revision is null || module is null || bot is null)
        {
            return Problems.NotFound($"Service '{service.Name}' refers to package revision {spec.PackageRevision} of '{spec.PackageName}', module '{spec.ModuleName}', which no longer exists.");
        }

        await queues.CreateAsync(service.Id, cancellationToken);
        return TypedResults.Ok(new RunnerSpecResponse(
            service.ProjectId,
            service.Id,
            service.Name,
            service.Version,
            package.Id,
            package.Name,
            revision.Revision,
            module,
            spec.InitParams,
            spec.Runtime.Concurrency,
            spec.ExecutionTimeout,
            spec.DrainTime,
            (int)queues.LeaseDuration.TotalSeconds,
            PackageResponse.CodebaseResponse(package, revision.Codebase, revision.Revision),
            new BotResponse(bot.Id, bot.Email, bot.Name, bot.CreatedAt))
        {
            Limits = new RunnerLimits(limits.Value.MaxOutputBytes, limits.Value.MaxLogBytes),
            Secrets = spec.Secrets,
        });
    }

    private static async Task<NoContent> ReportReplicaAsync(
        string replicaId, ReplicaReport report, HttpContext http, IReplicaStore replicas, TimeProvider clock, CancellationToken cancellationToken)
    {
        var service = http.GetRunnerService();
        var state = ReplicaState.Starting;
        if (!Validate.TryParseRole(report.State, out state))
        {
            throw Invalid("state", $"'{report.State}' is not a replica state; use one of: {string.Join(", ", Enum.GetNames<ReplicaState>())}.");
        }

        var status = new ReplicaStatus(replicaId, state, report.ServiceVersion ?? service.Version, report.Pid, report.Runtime, report.Message, report.Error, clock.GetUtcNow());
        await replicas.SetReplicaAsync(service.Id, status, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<LeaseResponse>> LeaseAsync(
        LeaseRequest request, HttpContext http, ServiceWorkQueues queues, ExecutionEngine engine, IDeadLetterStore deadLetters, IOptions<QueueOptions> options, CancellationToken cancellationToken)
    {
        var service = http.GetRunnerService();
        var maxItems = request.MaxItems ?? 1;
        if (maxItems is < 1 or > 32)
        {
            throw Invalid("maxItems", "maxItems must be between 1 and 32.");
        }

        var wait = TimeSpan.FromSeconds(Math.Clamp(request.WaitSeconds ?? 0, 0, MaxWaitSeconds));
        var leased = service.Active ? await queues.LeaseAsync(service.Id, maxItems, wait, cancellationToken) : [];
        leased = await KeepWantedAsync(service, leased, engine, queues, deadLetters, options.Value.MaxDeliveries, cancellationToken);
        var leaseSeconds = (int)queues.LeaseDuration.TotalSeconds;
        return TypedResults.Ok(new LeaseResponse([.. leased.Select(work => LeasedItem.From(work, leaseSeconds))]));
    }

    private static async Task<Ok<RenewResponse>> RenewAsync(
        RenewRequest request, HttpContext http, ServiceWorkQueues queues, ExecutionEngine engine, IExecutionTermination termination, CancellationToken cancellationToken)
    {
        var service = http.GetRunnerService();
        var renewed = new List<RenewedLease>();
        foreach (var leaseId in request.LeaseIds ?? [])
        {
            var next = await queues.RenewAsync(service.Id, leaseId, cancellationToken) ?? await KeptDespiteUnknownReceiptAsync(leaseId, queues, engine, cancellationToken);
            var terminate = next is not null && LeaseIds.TryParse(leaseId, out var lease)
                && await termination.IsRequestedAsync(lease.ExecutionId, lease.Attempt, cancellationToken);
            renewed.Add(new RenewedLease(leaseId, next, terminate, Lost: next is null));
        }

        return TypedResults.Ok(new RenewResponse(renewed));
    }

    /// <summary>
    /// A renewal the queue refuses is not proof that another replica has the item: an earlier renewal may have gone
    /// through with its answer lost (storage failed mid-call), leaving the queue with a receipt nobody knows. While the
    /// attempt is still current and this host gave the item to no one else, the lease id is kept: once the item shows
    /// up again it is held for this runner (see <see cref="ServiceWorkQueues.HoldForHolderAsync"/>) and reclaimed.
    /// </summary>
    private static async Task<string?> KeptDespiteUnknownReceiptAsync(string leaseId, ServiceWorkQueues queues, ExecutionEngine engine, CancellationToken cancellationToken) =>
        LeaseIds.TryParse(leaseId, out var lease) && !queues.WasGivenAway(leaseId)
            && await engine.GetStandingAsync(lease.ExecutionId, lease.Attempt, cancellationToken) == AttemptStanding.Active
            ? leaseId
            : null;

    private static ValidationFailedException Invalid(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return new ValidationFailedException(errors);
    }
}
