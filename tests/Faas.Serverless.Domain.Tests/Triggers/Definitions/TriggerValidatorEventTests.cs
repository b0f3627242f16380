using System.Text.Json;
using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Domain.Validation;
using static Faas.Serverless.Domain.Tests.Triggers.Definitions.TriggerRequests;

namespace Faas.Serverless.Domain.Tests.Triggers.Definitions;

public sealed class TriggerValidatorEventTests
{
    public static TheoryData<string, string, string> EveryPair()
    {
        var functions = new Dictionary<string, string>
        {
            ["Item"] = "tag", ["ItemStatus"] = "tag", ["Dataset"] = "on_dataset", ["Annotation"] = "on_annotation",
            ["Task"] = "on_task", ["Assignment"] = "on_assignment", ["Model"] = "on_model",
        };
        var data = new TheoryData<string, string, string>();
        foreach (var resource in Enum.GetValues<TriggerResource>())
        {
            foreach (var action in TriggerResources.Actions(resource))
            {
                data.Add(resource.ToString(), action, functions[resource.ToString()]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Validate_EveryPairOfTheTable_IsAccepted(string resource, string action, string function)
    {
        var valid = TriggerValidator.Validate(EventRequest(resource, [action], function, mode: "Always"), Target);

        Assert.Equal(TriggerType.Event, valid.Type);
        Assert.Equal([action], valid.Spec.Actions);
    }

    [Theory]
    [InlineData("Dataset", "Clone", "on_dataset")]
    [InlineData("Item", "taskAssigned", "tag")]
    [InlineData("ItemStatus", "Created", "tag")]
    [InlineData("Model", "statusChanged", "on_model")]
    [InlineData("Annotation", "Clone", "on_annotation")]
    public void Validate_ActionNotOfTheResource_Returns400AtTheAction(string resource, string action, string function)
    {
        var errors = Errors(EventRequest(resource, ["Created", action], function));

        Assert.Contains($"not an action of {resource}", Assert.Single(errors["spec.actions[1]"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_ActiveOnceAndMatchAllFilter()
    {
        var valid = TriggerValidator.Validate(EventRequest("item", ["created", "UPDATED"]), Target);

        Assert.True(valid.Active);
        Assert.Equal(TriggerResource.Item, valid.Spec.Resource);
        Assert.Equal(["Created", "Updated"], valid.Spec.Actions);
        Assert.Equal(TriggerExecutionMode.Once, valid.Spec.ExecutionMode);
        Assert.Equal("{}", valid.Spec.Filter!.Value.GetRawText());
        Assert.Equal(new TriggerOperation("function", "svc", "tag"), valid.Spec.Operation);
    }

    [Fact]
    public void Validate_TaskUpdatedWithoutMode_DefaultsToAlways()
    {
        Assert.Equal(TriggerExecutionMode.Always, TriggerValidator.Validate(EventRequest("Task", ["Updated"], "on_task"), Target).Spec.ExecutionMode);
    }

    [Theory]
    [InlineData("Task", "Updated", "on_task")]
    [InlineData("Assignment", "statusChanged", "on_assignment")]
    public void Validate_OnceForTaskOrAssignmentChanges_Returns400AtExecutionMode(string resource, string action, string function)
    {
        Assert.Contains("spec.executionMode", Errors(EventRequest(resource, [action], function, mode: "Once")).Keys);
    }

    [Fact]
    public void Validate_BadFilterOperator_Returns400AtItsPath()
    {
        var errors = Errors(EventRequest("Item", ["Created"], filter: """{"$and": [{"dir": "/train"}, {"size": {"$gtt": 5}}]}"""));

        Assert.Contains(errors.Keys, key => key.StartsWith("spec.filter.$and[1].size", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SeedFilter_IsAccepted()
    {
        var valid = TriggerValidator.Validate(EventRequest("Item", ["Created"], filter: """{"$and": [{"dir": "/train"}, {"hidden": false}, {"type": "file"}]}"""), Target);

        Assert.Contains("/train", valid.Spec.Filter!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("on_dataset", "Item")]
    [InlineData("items", "Item")]
    [InlineData("nightly", "Item")]
    public void Validate_FunctionWithoutInputOfTheResourceType_Returns400AtFunctionName(string function, string resource)
    {
        var errors = Errors(EventRequest(resource, ["Created"], function, input: []));

        Assert.Contains("no input of type Item", Assert.Single(errors["spec.operation.functionName"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InputNamesTheResourceInput_Returns400AtThatInput()
    {
        var errors = Errors(EventRequest("Item", ["Created"], input: Input(("label", "\"x\""), ("item", "\"i1\""))));

        Assert.Contains("receives the event's Item", Assert.Single(errors["spec.input.item"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OtherInputsMissingOrWrong_Returns400LikeExecutionInputs()
    {
        Assert.Contains("spec.input.label", Errors(EventRequest("Item", ["Created"], input: [])).Keys);
        Assert.Contains("spec.input.label", Errors(EventRequest("Item", ["Created"], input: Input(("label", "3")))).Keys);
        Assert.Contains("spec.input.extra", Errors(EventRequest("Item", ["Created"], input: Input(("label", "\"x\""), ("extra", "1")))).Keys);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEachUnderItsPath()
    {
        var request = EventRequest("Item", ["Created", "Born", "Created"], "missing") with { Name = " " };
        request = request with { Spec = request.Spec! with { ExecutionMode = "Sometimes", Cron = "* * * * *" } };

        var errors = Errors(request);

        Assert.Contains("name", errors.Keys);
        Assert.Contains("spec.actions[1]", errors.Keys);
        Assert.Contains("spec.actions[2]", errors.Keys);
        Assert.Contains("spec.operation.functionName", errors.Keys);
        Assert.Contains("spec.cron", errors.Keys);
    }

    [Theory]
    [InlineData(null, "spec.resource")]
    [InlineData("Video", "spec.resource")]
    public void Validate_MissingOrUnknownResource_Returns400AtResource(string? resource, string field)
    {
        var request = EventRequest("Item", ["Created"]);

        Assert.Contains(field, Errors(request with { Spec = request.Spec! with { Resource = resource } }).Keys);
    }

    [Fact]
    public void Validate_NoActions_Returns400AtActions()
    {
        Assert.Contains("spec.actions", Errors(EventRequest("Item", [])).Keys);
    }

    [Fact]
    public void Validate_UnknownServiceOrOtherOperationType_Returns400AtOperation()
    {
        var request = EventRequest("Item", ["Created"]);
        request = request with { Spec = request.Spec! with { Operation = new TriggerOperationRequest { Type = "webhook", ServiceId = "gone" } } };

        var errors = ValidationErrorsOf(() => TriggerValidator.Validate(request, new TriggerTarget(null, "Service 'gone' was not found in this project.")));

        Assert.Contains("spec.operation.type", errors.Keys);
        Assert.Contains("was not found", Assert.Single(errors["spec.operation.serviceId"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownType_Returns400AtType()
    {
        Assert.Contains("type", Errors(EventRequest("Item", ["Created"]) with { Type = "Webhook" }).Keys);
    }

    [Fact]
    public void ResourceInput_FunctionWithItemInput_IsTheFirstItemInput()
    {
        var function = Module.FindFunction("tag")!;

        Assert.Equal("item", TriggerValidator.ResourceInput(function, TriggerResource.ItemStatus)!.Name);
        Assert.Null(TriggerValidator.ResourceInput(function, TriggerResource.Dataset));
    }

    internal static Dictionary<string, string[]> Errors(TriggerRequest request) =>
        ValidationErrorsOf(() => TriggerValidator.Validate(request, Target));

    internal static Dictionary<string, string[]> ValidationErrorsOf(Func<object> action) =>
        Assert.Throws<ValidationFailedException>(action).Errors.ToDictionary().ToDictionary(pair => pair.Key, pair => pair.Value);

    internal static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
