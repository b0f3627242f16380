using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Domain.Validation;
using static Faas.Serverless.Domain.Tests.Triggers.Definitions.TriggerRequests;
using static Faas.Serverless.Domain.Tests.Triggers.Definitions.TriggerValidatorEventTests;

namespace Faas.Serverless.Domain.Tests.Triggers.Definitions;

public sealed class TriggerPatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_SpecField_ReplacesOnlyThatField()
    {
        var current = Stored(EventRequest("Item", ["Created"], filter: """{"dir": "/a", "hidden": false}"""));

        var request = TriggerPatch.Apply(current, Json("""{"spec": {"filter": {"dir": "/b"}}, "active": false}"""));
        var valid = TriggerValidator.Validate(request, Target);

        Assert.Equal("""{"dir":"/b"}""", valid.Spec.Filter!.Value.GetRawText());
        Assert.Equal(["Created"], valid.Spec.Actions);
        Assert.False(valid.Active);
        Assert.Equal("cat", valid.Spec.Input["label"].GetString());
    }

    [Fact]
    public void Apply_NullField_RemovesIt()
    {
        var current = Stored(CronRequest("* * * * *", startAt: "2026-01-01T00:00:00Z"));

        var valid = TriggerValidator.Validate(TriggerPatch.Apply(current, Json("""{"spec": {"startAt": null}}""")), Target);

        Assert.Null(valid.Spec.StartAt);
        Assert.Equal("* * * * *", valid.Spec.Cron);
    }

    [Fact]
    public void Apply_WrongJsonType_Returns400AtTheField()
    {
        var current = Stored(EventRequest("Item", ["Created"]));

        var errors = Assert.Throws<ValidationFailedException>(() => TriggerPatch.Apply(current, Json("""{"active": "yes"}"""))).Errors.ToDictionary();

        Assert.Contains("active", errors.Keys);
    }

    [Fact]
    public void Apply_ToRequestOfAStoredTrigger_ValidatesToTheSameSpec()
    {
        var current = Stored(EventRequest("ItemStatus", ["taskAssigned"], mode: "Always"));

        var valid = TriggerValidator.Validate(TriggerPatch.Apply(current, Json("{}")), Target);

        Assert.Equal(current.Spec.Actions, valid.Spec.Actions);
        Assert.Equal(current.Spec.ExecutionMode, valid.Spec.ExecutionMode);
        Assert.Equal(current.Spec.Resource, valid.Spec.Resource);
    }

    private static Trigger Stored(TriggerRequest request)
    {
        var valid = TriggerValidator.Validate(request, Target);
        return new Trigger("id", "project", valid.Name, valid.Type, valid.Active, valid.Spec, Now, Now, "me", "W/\"1\"", TriggerState.Initial, "row");
    }
}
