using System.CommandLine;
using System.Text.Json;
using Faas.Serverless.Cli.Hosting;
using Faas.Serverless.Client.Models;
using Spectre.Console;

namespace Faas.Serverless.Cli.Commands;

/// <summary><c>faas events send</c>: a resource event to the project's event triggers, as CloudEvents.</summary>
internal static class EventCommands
{
    public static Command Create(Binder binder)
    {
        var command = new Command("events", "Resource events for the project's event triggers.");
        var type = new Option<string>("--type") { Description = "What happened, RESOURCE.ACTION, such as Item.Created.", Required = true };
        var source = new Option<string>("--source") { Description = "Where it happened, such as /datasets/ds1.", DefaultValueFactory = _ => "/faas-cli" };
        var data = new Option<string>("--data") { Description = "The resource, as JSON (it needs an id).", Required = true };
        var id = new Option<string?>("--id") { Description = "The event id, unique per source; a new one when left out (a repeat with the same id and source is recognised)." };
        var subject = new Option<string?>("--subject") { Description = "The event's subject." };
        var send = new Command("send", "Send one resource event and show what each matching trigger did.") { type, source, data, id, subject };
        binder.Bind(send, async (session, cancellationToken) =>
        {
            var payload = JsonSerializer.SerializeToElement(Inputs.Json(session.Value(data), "--data"));
            var cloudEvent = new CloudEvent(session.Value(id) ?? Guid.NewGuid().ToString("N"), session.Value(source), session.Value(type), payload, session.Value(subject), DateTimeOffset.UtcNow);
            var result = await session.Client.SendEventsAsync(session.ProjectId, [cloudEvent], cancellationToken).ConfigureAwait(false);
            var firings = result.Events.SelectMany(e => e.Triggers).ToList();
            if (session.Print.IsJson)
            {
                session.Print.Json(result);
            }
            else if (firings.Count == 0)
            {
                session.Print.Console.WriteLine($"Sent {cloudEvent.Type} ({cloudEvent.Id}); no active trigger matched it.");
            }
            else
            {
                session.Print.List(firings, ("TRIGGER", f => f.TriggerId), ("OUTCOME", f => f.Outcome), ("EXECUTION", f => f.ExecutionId), ("DETAIL", f => f.Detail));
            }
        });
        command.Add(Examples.Set(send, "faas events send --type Item.Created --source /datasets/ds1 --data '{\"id\": \"item-1\", \"dir\": \"/input\"}'"));
        return Examples.Set(command, "faas events send --type Item.Created --data '{\"id\": \"item-1\"}'");
    }
}
