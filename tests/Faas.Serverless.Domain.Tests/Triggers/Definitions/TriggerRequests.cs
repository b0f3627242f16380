using System.Text.Json;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Triggers;

namespace Faas.Serverless.Domain.Tests.Triggers.Definitions;

/// <summary>A module with a function per resource input type, and request builders around it.</summary>
internal static class TriggerRequests
{
    public static readonly ModuleSchema Module = new(
        "default_module",
        "main.py",
        "ServiceRunner",
        [],
        [
            Function("tag", ("item", "Item"), ("label", "String")),
            Function("on_dataset", ("dataset", "Dataset")),
            Function("on_annotation", ("annotation", "Annotation")),
            Function("on_task", ("task", "Task")),
            Function("on_assignment", ("assignment", "Assignment")),
            Function("on_model", ("model", "Model")),
            Function("nightly", ("key", "String")),
            Function("items", ("items", "Item[]")),
        ]);

    public static readonly TriggerTarget Target = new(Module, null);

    public static TriggerRequest EventRequest(string resource, IReadOnlyList<string> actions, string functionName = "tag", string? filter = null, string? mode = null, Dictionary<string, JsonElement>? input = null) => new()
    {
        Name = "t",
        Type = "Event",
        Spec = new TriggerSpecRequest
        {
            Resource = resource,
            Actions = actions,
            Filter = filter is null ? null : JsonDocument.Parse(filter).RootElement.Clone(),
            ExecutionMode = mode,
            Input = input ?? (functionName == "tag" ? Input(("label", "\"cat\"")) : null),
            Operation = new TriggerOperationRequest { Type = "function", ServiceId = "svc", FunctionName = functionName },
        },
    };

    public static TriggerRequest CronRequest(string cron, string? timeZone = null, string? startAt = null, string? endAt = null, Dictionary<string, JsonElement>? input = null) => new()
    {
        Name = "nightly",
        Type = "Cron",
        Spec = new TriggerSpecRequest
        {
            Cron = cron,
            TimeZone = timeZone,
            StartAt = startAt,
            EndAt = endAt,
            Input = input ?? Input(("key", "\"k\"")),
            Operation = new TriggerOperationRequest { ServiceId = "svc", FunctionName = "nightly" },
        },
    };

    public static Dictionary<string, JsonElement> Input(params (string Name, string Json)[] values) =>
        values.ToDictionary(value => value.Name, value => JsonDocument.Parse(value.Json).RootElement.Clone());

    private static FunctionSchema Function(string name, params (string Name, string Type)[] inputs) =>
        new(name, null, name, [.. inputs.Select(input => new FunctionIo(input.Name, input.Type))], []);
}
