using System.Text.Json;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Triggers;

/// <summary>
/// Trigger lifecycle: create, patch, activate, deactivate, delete. If-Match compares the user-facing ETag, which
/// the platform's own state writes (cron checkpoints, counters) leave alone; a commit that loses a race with one
/// of them is re-applied to the fresh row, so only a real concurrent edit makes If-Match fail.
/// </summary>
public sealed class TriggerManager(ITriggerStore triggers, ITriggerOnceStore once, TriggerTargets targets, ITriggerChangeNotifier notifier, TriggerRules rules, TimeProvider clock)
{
    private const int MaxAttempts = 10;

    public async Task<Trigger> CreateAsync(string projectId, TriggerRequest request, string creator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = await targets.FindAsync(projectId, request.Spec?.Operation?.ServiceId, cancellationToken);
        var valid = TriggerValidator.Validate(request, target, rules);
        var now = clock.GetUtcNow();

        // A cron trigger starts counting ticks from its creation: nothing before it is "missed".
        var state = TriggerState.Initial with { Checkpoint = valid.Type == TriggerType.Cron ? now : null };
        var trigger = new Trigger(Ids.New(), projectId, valid.Name, valid.Type, valid.Active, valid.Spec, now, now, creator, NewETag(), state, string.Empty);
        trigger = await triggers.CreateAsync(trigger, cancellationToken);

        // The service's deletion may have swept its triggers between the lookup above and this create.
        if ((await targets.FindAsync(projectId, trigger.Spec.Operation.ServiceId, cancellationToken)).ServiceProblem is { } problem)
        {
            await triggers.DeleteAsync(trigger, cancellationToken);
            var errors = new ValidationErrors();
            errors.Add("spec.operation.serviceId", problem);
            throw new ValidationFailedException(errors);
        }

        notifier.TriggersChanged();
        return trigger;
    }

    /// <returns>The changed trigger, or null when it does not exist.</returns>
    public Task<Trigger?> UpdateAsync(string projectId, string triggerId, JsonElement patch, string? ifMatch, CancellationToken cancellationToken = default) =>
        ChangeAsync(projectId, triggerId, ifMatch, async current =>
        {
            var request = TriggerPatch.Apply(current, patch);
            var valid = TriggerValidator.Validate(request, await targets.FindAsync(projectId, request.Spec?.Operation?.ServiceId, cancellationToken), rules);
            return current with { Name = valid.Name, Type = valid.Type, Active = valid.Active, Spec = valid.Spec };
        },
        cancellationToken);

    public Task<Trigger?> SetActiveAsync(string projectId, string triggerId, bool active, string? ifMatch, CancellationToken cancellationToken = default) =>
        ChangeAsync(projectId, triggerId, ifMatch, current => Task.FromResult(current with { Active = active }), cancellationToken);

    /// <returns>False when the trigger does not exist.</returns>
    public async Task<bool> DeleteAsync(string projectId, string triggerId, string? ifMatch, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await triggers.GetAsync(projectId, triggerId, cancellationToken);
            if (current is null)
            {
                return false;
            }

            CheckIfMatch(current, ifMatch);
            try
            {
                await triggers.DeleteAsync(current, cancellationToken);
                break;
            }
            catch (PreconditionFailedException) when (attempt < MaxAttempts)
            {
                // The dispatcher recorded state meanwhile; the user's precondition is checked again on the fresh row.
            }
        }

        notifier.TriggersChanged();
        await once.DeleteAllAsync(triggerId, cancellationToken);
        return true;
    }

    /// <summary>
    /// Deletes the triggers that start <paramref name="serviceId"/>. A trigger exists only to start its service's
    /// function; once the service is being deleted every firing would be skipped, so the triggers go with it rather
    /// than lingering as configuration that looks live.
    /// </summary>
    /// <returns>The deleted triggers' ids.</returns>
    public async Task<IReadOnlyList<string>> DeleteForServiceAsync(string projectId, string serviceId, CancellationToken cancellationToken = default)
    {
        var deleted = new List<string>();
        string? token = null;
        do
        {
            var page = await triggers.ListAsync(projectId, new PageRequest(PageRequest.MaxPageSize, token), cancellationToken);
            foreach (var trigger in page.Items.Where(trigger => trigger.Spec.Operation.ServiceId == serviceId))
            {
                if (await DeleteAsync(projectId, trigger.Id, ifMatch: null, cancellationToken))
                {
                    deleted.Add(trigger.Id);
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return deleted;
    }

    private async Task<Trigger?> ChangeAsync(string projectId, string triggerId, string? ifMatch, Func<Trigger, Task<Trigger>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await triggers.GetAsync(projectId, triggerId, cancellationToken);
            if (current is null)
            {
                return null;
            }

            CheckIfMatch(current, ifMatch);
            var next = await change(current);
            if (next == current)
            {
                return current;
            }

            next = next with { UpdatedAt = clock.GetUtcNow(), ETag = NewETag(), State = RestartSchedule(current, next) };
            try
            {
                var changed = await triggers.ReplaceAsync(current, next, cancellationToken);
                notifier.TriggersChanged();
                return changed;
            }
            catch (PreconditionFailedException) when (attempt < MaxAttempts)
            {
                // The row changed under us (a state write or another edit); the loop re-reads and re-checks If-Match.
            }
        }
    }

    /// <summary>
    /// Ticks that passed while a cron trigger was inactive, or under its old schedule, are not "missed": activating or
    /// rescheduling moves the checkpoint to now, so the catch-up policy never fires them.
    /// </summary>
    private TriggerState RestartSchedule(Trigger current, Trigger next)
    {
        var rescheduled = next.Type == TriggerType.Cron && next.Active
            && (!current.Active || current.Type != TriggerType.Cron || current.Spec.Cron != next.Spec.Cron || current.Spec.TimeZone != next.Spec.TimeZone
                || current.Spec.StartAt != next.Spec.StartAt || current.Spec.EndAt != next.Spec.EndAt);
        var now = clock.GetUtcNow();
        return rescheduled && !(current.State.Checkpoint > now) ? current.State with { Checkpoint = now } : current.State;
    }

    private static void CheckIfMatch(Trigger current, string? ifMatch)
    {
        if (ifMatch is not null && ifMatch != current.ETag)
        {
            throw new PreconditionFailedException($"Trigger '{current.Name}' changed since it was read; the If-Match ETag is stale.");
        }
    }

    private static string NewETag() => $"W/\"{Ids.New()}\"";
}
