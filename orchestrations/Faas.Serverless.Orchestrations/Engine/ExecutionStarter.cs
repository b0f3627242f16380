using System.Text.Json;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Domain.Validation;
using Faas.Serverless.Orchestrations.Executions;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>A request to run one function of a service.</summary>
public sealed record ExecuteRequest(string? FunctionName, Dictionary<string, JsonElement>? Input);

/// <summary>Bound from <c>Faas:Executions</c> (host.json <c>extensions.faas.executions</c>).</summary>
public sealed record ExecutionOptions
{
    public const string Section = "Faas:Executions";

    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public int RetryBackoffBaseSeconds { get; init; } = ExecutionPolicy.DefaultRetryBackoffBaseSeconds;

    [System.ComponentModel.DataAnnotations.Range(0, 86_400)]
    public int RetryBackoffMaxSeconds { get; init; } = ExecutionPolicy.DefaultRetryBackoffMaxSeconds;
}

/// <summary>
/// Validates an execute request against the function the service deploys and starts the execution. An
/// idempotency key makes a repeated request return the execution the first one started.
/// </summary>
public sealed class ExecutionStarter(
    IPackageStore packages,
    IProjectStore projects,
    IReplicaStore replicas,
    ExecutionEngine engine,
    IExecutionStore store,
    IExecutionPayloadStore payloads,
    IMemoryCache cache,
    IOptions<ExecutionOptions> options,
    IOptions<ExecutionLimitOptions> limits,
    TimeProvider clock)
{
    /// <returns>The execution, and whether this request created it.</returns>
    /// <exception cref="ServiceNotRunnableException">The service is stopped or its current version failed.</exception>
    /// <exception cref="InputTooLargeException">The input is above <see cref="ExecutionLimitOptions.MaxInputBytes"/>.</exception>
    public async Task<(ExecutionRecord Record, bool Created)> StartAsync(
        Service service, ExecuteRequest request, string creator, string? idempotencyKey, string? triggerId = null, JsonElement? triggerEvent = null, CancellationToken cancellationToken = default)
    {
        await EnsureRunnableAsync(service, cancellationToken);
        var input = JsonSerializer.SerializeToUtf8Bytes(request.Input ?? []);
        if (input.Length > limits.Value.MaxInputBytes)
        {
            throw new InputTooLargeException(input.Length, limits.Value.MaxInputBytes);
        }

        var function = await ValidateAsync(service, request, cancellationToken);
        await EnsureBotCanRunAsync(service, cancellationToken);
        var executionId = Ids.New();
        if (idempotencyKey is not null && await store.ClaimIdempotencyKeyAsync(service.ProjectId, idempotencyKey, executionId, cancellationToken) is { } existing)
        {
            // The first request may still be creating it; its record appears within moments.
            for (var wait = 0; wait < 50; wait++)
            {
                if (await engine.GetAsync(existing, cancellationToken) is { } record)
                {
                    return (record, false);
                }

                await Task.Delay(100, cancellationToken);
            }

            throw new ConflictException($"Idempotency key '{idempotencyKey}' belongs to execution '{existing}', which was never created; use a new key.");
        }

        // A large input is kept once, in a payload; the row and every work item of the execution name it.
        var inputBlob = input.Length > ExecutionLimitOptions.InlineBytes ? PayloadNames.Input : null;
        if (inputBlob is not null)
        {
            await payloads.WriteAsync(executionId, inputBlob, input, cancellationToken);
        }

        var spec = service.Spec;
        var info = new ExecutionInfo(
            executionId, service.ProjectId, service.Id, service.Name, service.Version, spec.PackageId, spec.PackageName, spec.PackageRevision,
            function.Name, inputBlob is null ? request.Input ?? [] : new Dictionary<string, JsonElement>(), creator, triggerId, triggerEvent, clock.GetUtcNow(), inputBlob);
        var policy = new ExecutionPolicy(spec.MaxAttempts, spec.ExecutionTimeout, options.Value.RetryBackoffBaseSeconds, options.Value.RetryBackoffMaxSeconds);
        return (await engine.StartAsync(info, policy, cancellationToken), true);
    }

    /// <summary>Whether the service can take work at all; the check costs one read of its deployment status.</summary>
    public async Task<ServiceRefusal?> CheckRunnableAsync(Service service, CancellationToken cancellationToken = default) =>
        ServiceAvailability.Check(service, service.Active ? await replicas.GetDeploymentAsync(service.Id, cancellationToken) : null);

    private async Task EnsureRunnableAsync(Service service, CancellationToken cancellationToken)
    {
        if (await CheckRunnableAsync(service, cancellationToken) is { } refusal)
        {
            throw new ServiceNotRunnableException(service.Name, refusal);
        }
    }

    /// <summary>
    /// A service runs as its bot; once the bot was removed from the project or demoted, its runners are refused,
    /// so an execution is refused here with the reason instead of waiting in a queue nobody may serve.
    /// </summary>
    private async Task EnsureBotCanRunAsync(Service service, CancellationToken cancellationToken)
    {
        var bot = service.Spec.BotUserId;
        var member = await projects.GetMemberAsync(service.ProjectId, bot, cancellationToken);
        if (member is null || member.Role < ProjectRole.Developer)
        {
            var standing = member is null ? "is no longer a member of the project" : $"has the {member.Role} role, below Developer";
            throw new ConflictException($"Service '{service.Name}' runs as bot '{bot}', which {standing}; give the bot the Developer role again or assign another bot (PATCH the service's 'bot').");
        }
    }

    /// <summary>Revisions never change once written, so every execute after the first skips the storage read.</summary>
    private async Task<PackageRevision?> GetRevisionAsync(Service service, CancellationToken cancellationToken)
    {
        var key = $"revision:{service.ProjectId}:{service.Spec.PackageId}:{service.Spec.PackageRevision}";
        if (cache.TryGetValue(key, out PackageRevision? cached))
        {
            return cached;
        }

        var revision = await packages.GetRevisionAsync(service.ProjectId, service.Spec.PackageId, service.Spec.PackageRevision, cancellationToken);
        if (revision is not null)
        {
            cache.Set(key, revision, TimeSpan.FromMinutes(10));
        }

        return revision;
    }

    private async Task<FunctionSchema> ValidateAsync(Service service, ExecuteRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var module = (await GetRevisionAsync(service, cancellationToken))?.Schema.FindModule(service.Spec.ModuleName);
        if (module is null)
        {
            errors.Add("serviceId", $"Service '{service.Name}' deploys a package revision or module that no longer exists.");
            throw new ValidationFailedException(errors);
        }

        var function = request.FunctionName is null ? module.Functions.Count == 1 ? module.Functions[0] : null : module.FindFunction(request.FunctionName);
        if (function is null)
        {
            errors.Add("functionName", request.FunctionName is null
                ? $"functionName is required; the service's module has {string.Join(", ", module.Functions.Select(f => f.Name))}."
                : $"Function '{request.FunctionName}' is not in module '{module.Name}'; it has {string.Join(", ", module.Functions.Select(f => f.Name))}.");
            throw new ValidationFailedException(errors);
        }

        var inputErrors = InputValidator.Validate(function.Input, request.Input, "input");
        return inputErrors.IsEmpty ? function : throw new ValidationFailedException(inputErrors);
    }
}
