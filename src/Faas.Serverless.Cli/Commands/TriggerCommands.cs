using System.CommandLine;
using System.Text.Json;
using Faas.Serverless.Cli.Hosting;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Cli.Commands;

/// <summary><c>faas triggers create|list|get|delete</c>: event and cron triggers, with next fire times.</summary>
internal static class TriggerCommands
{
    public static Command Create(Binder binder)
    {
        var command = new Command("triggers", "Triggers: start a function on resource events (DQL filter) or on a cron schedule.");
        command.Add(CreateTrigger(binder));

        var list = new Command("list", "List the project's triggers; cron triggers with their next fire time.");
        binder.Bind(list, async (session, cancellationToken) =>
        {
            var items = await Resolve.AllAsync(session.Client.ListTriggersAsync(session.ProjectId, cancellationToken: cancellationToken)).ConfigureAwait(false);
            session.Print.List(items, ("ID", t => t.Id), ("NAME", t => t.Name), ("TYPE", t => t.Type), ("ACTIVE", t => t.Active), ("RUNS", t => $"{t.Spec.Operation.ServiceId}.{t.Spec.Operation.FunctionName}"), ("WHEN", When), ("NEXT", t => t.NextFireTimes is [var next, ..] ? next : null), ("LAST FIRED", t => t.LastFiredTick));
        });
        command.Add(Examples.Set(list, "faas triggers list"));

        var trigger = new Argument<string>("trigger") { Description = "The trigger name or id." };
        var get = new Command("get", "Show a trigger, with a cron trigger's next five fire times.") { trigger };
        binder.Bind(get, async (session, cancellationToken) =>
        {
            var found = await Resolve.TriggerAsync(session, session.Value(trigger), cancellationToken).ConfigureAwait(false);
            session.Print.Item(
                found,
                ("ID", found.Id),
                ("Name", found.Name),
                ("Type", found.Type),
                ("Active", found.Active),
                ("Runs", $"{found.Spec.Operation.ServiceId}.{found.Spec.Operation.FunctionName}"),
                ("When", When(found)),
                ("Input", found.Spec.Input),
                ("Next fire times", found.NextFireTimes?.Select(t => Output.Printer.Format(t))),
                ("Last fired", found.LastFiredTick),
                ("Skipped", $"{found.SkippedTicks} ticks, {found.SkippedEvents} events, {found.DroppedLoopEvents} loop events"));
        });
        command.Add(Examples.Set(get, "faas triggers get nightly", "faas triggers get nightly -o json"));

        var deleted = new Argument<string>("trigger") { Description = "The trigger name or id." };
        var delete = new Command("delete", "Delete a trigger.") { deleted };
        binder.Bind(delete, async (session, cancellationToken) =>
        {
            var found = await Resolve.TriggerAsync(session, session.Value(deleted), cancellationToken).ConfigureAwait(false);
            await session.Client.DeleteTriggerAsync(session.ProjectId, found.Id, cancellationToken).ConfigureAwait(false);
            session.Print.Done($"Deleted trigger {found.Name} ({found.Id}).", new { deleted = found.Id });
        });
        command.Add(Examples.Set(delete, "faas triggers delete nightly"));
        return Examples.Set(command, "faas triggers create nightly --service hello --function run --cron \"0 5 * * *\" --input name=Ada", "faas triggers list");
    }

    private static Command CreateTrigger(Binder binder)
    {
        var name = new Argument<string>("name") { Description = "The trigger name, unique in the project." };
        var service = new Option<string>("--service") { Description = "The service to run (name or id).", Required = true };
        var function = new Option<string>("--function") { Description = "The function to run.", Required = true };
        var cron = new Option<string?>("--cron") { Description = "A cron schedule (5 or 6 fields): makes a cron trigger." };
        var timeZone = new Option<string?>("--time-zone") { Description = "The schedule's IANA time zone; UTC when left out." };
        var resource = new Option<string?>("--resource") { Description = "The resource type of an event trigger, such as Item." };
        var actions = new Option<string[]>("--action") { Description = "An event action, such as Created (repeat it).", AllowMultipleArgumentsPerToken = false };
        var filter = new Option<string?>("--filter") { Description = "A DQL filter, as JSON." };
        var mode = new Option<string?>("--mode") { Description = "Once (one execution per resource) or Always." };
        var input = new Option<string[]>("--input", "-i") { Description = "Input merged into every execution, name=value (repeat it).", AllowMultipleArgumentsPerToken = false };
        var inactive = new Option<bool>("--inactive") { Description = "Create it switched off." };
        var create = new Command("create", "Create an event trigger (--resource, --action) or a cron trigger (--cron).") { name, service, function, cron, timeZone, resource, actions, filter, mode, input, inactive };
        binder.Bind(create, async (session, cancellationToken) =>
        {
            var isCron = session.Value(cron) is not null;
            if (isCron == (session.Value(resource) is not null))
            {
                throw new CliException("Give either --cron (a cron trigger) or --resource with --action (an event trigger).");
            }

            var target = await Resolve.ServiceAsync(session, session.Value(service), cancellationToken).ConfigureAwait(false);
            var inputs = session.Value(input) is { Length: > 0 } pairs ? JsonSerializer.SerializeToElement(Inputs.Parse(pairs)) : (JsonElement?)null;
            var dql = session.Value(filter) is { } text ? JsonSerializer.SerializeToElement(Inputs.Json(text, "--filter")) : (JsonElement?)null;
            var spec = new TriggerSpec(
                new TriggerOperation(target.Id, session.Value(function)),
                Resource: session.Value(resource),
                Actions: isCron ? null : session.Value(actions),
                Filter: dql,
                ExecutionMode: session.Value(mode),
                Input: inputs,
                Cron: session.Value(cron),
                TimeZone: session.Value(timeZone));
            var created = await session.Client.CreateTriggerAsync(session.ProjectId, new CreateTriggerRequest(session.Value(name), isCron ? "Cron" : "Event", spec, !session.Value(inactive)), cancellationToken).ConfigureAwait(false);
            var shown = await session.Client.GetTriggerAsync(session.ProjectId, created.Id, cancellationToken).ConfigureAwait(false);
            session.Print.Item(shown, ("ID", shown.Id), ("Name", shown.Name), ("Type", shown.Type), ("When", When(shown)), ("Next fire times", shown.NextFireTimes?.Select(t => Output.Printer.Format(t))));
        });
        return Examples.Set(
            create,
            "faas triggers create nightly --service hello --function run --cron \"0 5 * * *\" --time-zone Europe/Berlin --input name=Ada",
            "faas triggers create on-items --service tagger --function tag --resource Item --action Created --filter '{\"dir\": \"/input\"}' --mode Once");
    }

    private static string When(Trigger trigger) => trigger.Spec.Cron is { } cron
        ? $"cron {cron} ({trigger.Spec.TimeZone ?? "UTC"})"
        : $"{trigger.Spec.Resource}.{string.Join("|", trigger.Spec.Actions ?? [])}" + (trigger.Spec.Filter is { } f ? $" where {f.GetRawText()}" : string.Empty);
}
