using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Triggers;

namespace Faas.Serverless.Domain.Tests.Triggers.Definitions;

public sealed class TriggerResourcesTests
{
    public static TheoryData<string, string[]> SeedTable => new()
    {
        { "Item", ["Created", "Updated", "Deleted", "Clone"] },
        { "Dataset", ["Created", "Updated", "Deleted"] },
        { "Annotation", ["Created", "Updated", "Deleted"] },
        { "ItemStatus", ["Updated", "taskAssigned"] },
        { "Task", ["Created", "Updated", "Deleted", "statusChanged"] },
        { "Assignment", ["Created", "Updated", "Deleted", "statusChanged"] },
        { "Model", ["Created", "Updated", "Deleted"] },
    };

    [Theory]
    [MemberData(nameof(SeedTable))]
    public void Actions_EveryResource_MatchesTheSeedsTable(string resource, string[] actions)
    {
        Assert.True(TriggerResources.TryParseResource(resource, out var parsed));

        Assert.Equal(actions, TriggerResources.Actions(parsed));
    }

    [Fact]
    public void Resources_All_AreTheSevenOfTheSeeds()
    {
        Assert.Equal(["Item", "Dataset", "Annotation", "ItemStatus", "Task", "Assignment", "Model"], Enum.GetNames<TriggerResource>());
    }

    [Theory]
    [InlineData("item", TriggerResource.Item)]
    [InlineData("ITEMSTATUS", TriggerResource.ItemStatus)]
    [InlineData("assignment", TriggerResource.Assignment)]
    public void TryParseResource_AnyCase_ReturnsCanonical(string value, TriggerResource expected)
    {
        Assert.True(TriggerResources.TryParseResource(value, out var resource));
        Assert.Equal(expected, resource);
    }

    [Theory]
    [InlineData("Items")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseResource_Unknown_ReturnsFalse(string? value)
    {
        Assert.False(TriggerResources.TryParseResource(value, out _));
    }

    [Theory]
    [InlineData(TriggerResource.ItemStatus, "TASKASSIGNED", "taskAssigned")]
    [InlineData(TriggerResource.Task, "StatusChanged", "statusChanged")]
    [InlineData(TriggerResource.Item, "clone", "Clone")]
    public void TryParseAction_AnyCase_ReturnsSeedSpelling(TriggerResource resource, string value, string expected)
    {
        Assert.True(TriggerResources.TryParseAction(resource, value, out var action));
        Assert.Equal(expected, action);
    }

    [Theory]
    [InlineData(TriggerResource.Dataset, "Clone")]
    [InlineData(TriggerResource.Item, "taskAssigned")]
    [InlineData(TriggerResource.ItemStatus, "Created")]
    [InlineData(TriggerResource.Model, "statusChanged")]
    [InlineData(TriggerResource.Annotation, "Clone")]
    public void TryParseAction_NotInTheResourcesRow_ReturnsFalse(TriggerResource resource, string value)
    {
        Assert.False(TriggerResources.TryParseAction(resource, value, out _));
    }

    [Theory]
    [InlineData(TriggerResource.Item, IoTypeKind.Item)]
    [InlineData(TriggerResource.ItemStatus, IoTypeKind.Item)]
    [InlineData(TriggerResource.Task, IoTypeKind.Task)]
    [InlineData(TriggerResource.Model, IoTypeKind.Model)]
    public void InputKind_Resource_IsTheTypeThatReceivesIt(TriggerResource resource, IoTypeKind kind)
    {
        Assert.Equal(kind, TriggerResources.InputKind(resource));
    }

    [Theory]
    [InlineData(TriggerResource.Task, "Updated", false)]
    [InlineData(TriggerResource.Assignment, "statusChanged", false)]
    [InlineData(TriggerResource.Task, "Created", true)]
    [InlineData(TriggerResource.Item, "Updated", true)]
    [InlineData(TriggerResource.ItemStatus, "taskAssigned", true)]
    public void AllowsOnce_TaskAndAssignmentChanges_AreAlwaysOnly(TriggerResource resource, string action, bool allowed)
    {
        Assert.Equal(allowed, TriggerResources.AllowsOnce(resource, action));
    }
}
