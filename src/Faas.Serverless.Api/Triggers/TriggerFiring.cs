using System.Text.Json;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Domain.Validation;
using Faas.Serverless.Orchestrations.Engine;

namespace Faas.Serverless.Api.Triggers;

/// <summary>Starts the execution a trigger's operation names, for an event or a cron tick.</summary>
internal sealed class TriggerFiring(TriggerTargets targets, ExecutionStarter starter)
{
    /// <param name="resource">The event's resource, passed to the function's input of the resource's type; null for cron.</param>
    /// <param name="idempotencyKey">Makes a repeated firing (a redelivered event, a second leader) return the first execution.</param>
    /// <exception cref="ValidationFailedException">The service no longer deploys a function that fits the trigger.</exception>
    public async Task<(ExecutionRecord Record, bool Created)> StartAsync(
        Trigger trigger, Service service, JsonElement? resource, string idempotencyKey, JsonElement context, CancellationToken cancellationToken = default)
    {
        var operation = trigger.Spec.Operation;
        var input = new Dictionary<string, JsonElement>(trigger.Spec.Input, StringComparer.Ordinal);
        if (resource is { } value && trigger.Spec.Resource is { } kind)
        {
            // Resolved on every firing: the service may have moved to a package revision with other input names.
            var module = await targets.ModuleAsync(service, cancellationToken);
            var function = module?.FindFunction(operation.FunctionName);
            if (function is not null)
            {
                var receiver = TriggerValidator.ResourceInput(function, kind);
                if (receiver is null)
                {
                    var errors = new ValidationErrors();
                    errors.Add("spec.operation.functionName", $"Function '{function.Name}' no longer has an input of type {TriggerResources.InputKind(kind)} to receive the {kind}.");
                    throw new ValidationFailedException(errors);
                }

                input[receiver.Name] = value;
            }
        }

        return await starter.StartAsync(service, new ExecuteRequest(operation.FunctionName, input), trigger.Creator, idempotencyKey, trigger.Id, context, cancellationToken);
    }
}
