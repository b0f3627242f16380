using System.Text.Json;
using Faas.Serverless.Testing;
using static Faas.Serverless.Api.Tests.Triggers.TriggerScenario;

namespace Faas.Serverless.Api.Tests.Triggers;

[Collection("Azurite")]
public sealed class EventFiringTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TriggerScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TriggerScenario.CreateAsync(azurite, new Dictionary<string, string?> { ["Faas:Triggers:MaxChainDepth"] = "2" });

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task RepeatedUpdates_OnceFiresOnceAndAlwaysFiresEachTime()
    {
        var once = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Updated"], mode: "Once"));
        var always = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Updated"], mode: "Always"));

        var results = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await _scenario.SendEventGridAsync(GridEvent($"u{i}", "Item.Updated", new { id = "item-1", version = i })));
        }

        await _scenario.SendEventGridAsync(GridEvent("other", "Item.Updated", new { id = "item-2" }));
        Assert.Equal(["item-1", "item-2"], (await _scenario.ExecutionsAsync(once)).Select(e => e.Input["item"].GetProperty("id").GetString()));
        Assert.Equal(4, (await _scenario.ExecutionsAsync(always)).Count);
        Assert.Equal("AlreadyFiredOnce", Outcome(results[2], once));
    }

    [Fact]
    public async Task ConcurrentUpdatesOfOneItem_OnceFiresExactlyOnce()
    {
        var once = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Updated"], mode: "Once"));

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => _scenario.SendEventGridAsync(GridEvent($"c{i}", "Item.Updated", new { id = "item-1" }))));

        Assert.Single(await _scenario.ExecutionsAsync(once));
    }

    [Fact]
    public async Task FilterMismatch_StartsNothing()
    {
        var filter = new Dictionary<string, object> { ["annotated"] = true, ["metadata.system.mimetype"] = "video/*" };
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Updated"], filter));

        var result = await _scenario.SendEventGridAsync(
            GridEvent("f1", "Item.Updated", new { id = "image", annotated = true, metadata = new { system = new { mimetype = "image/png" } } }),
            GridEvent("f2", "Item.Updated", new { id = "video", annotated = true, metadata = new { system = new { mimetype = "video/mp4" } } }));

        Assert.Equal([0, 1], result.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("fired").GetInt32()));
        Assert.Equal("video", Assert.Single(await _scenario.ExecutionsAsync(triggerId)).Input["item"].GetProperty("id").GetString());
    }

    [Fact]
    public async Task RedeliveredEvent_StartsOnce()
    {
        var always = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));
        var once = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"], mode: "Once"));
        var delivery = GridEvent("same-id", "Item.Created", new { id = "item-1" });

        var first = await _scenario.SendEventGridAsync(delivery);
        var second = await _scenario.SendEventGridAsync(delivery);

        Assert.Single(await _scenario.ExecutionsAsync(always));
        Assert.Single(await _scenario.ExecutionsAsync(once));
        Assert.Equal("Started", Outcome(first, always));
        Assert.Equal("AlreadyStarted", Outcome(second, always));
        Assert.Equal("AlreadyStarted", Outcome(second, once));
        Assert.Equal(0, second.GetProperty("events")[0].GetProperty("fired").GetInt32());
    }

    [Fact]
    public async Task LoopProtection_DeepEventsOfTheServicesOwnBot_AreDroppedAndCounted()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Updated"]));

        var results = new List<JsonElement>();
        for (var depth = 0; depth <= 4; depth++)
        {
            results.Add(await _scenario.SendEventGridAsync(GridEvent($"bot-{depth}", "Item.Updated", new { id = "item-1", actor = _scenario.BotId, faasChainDepth = depth })));
        }

        using var userEvent = await _scenario.PostCloudEventsAsync(
            new { specversion = "1.0", id = "user-9", source = "/ui", type = "Item.Updated", faasactor = "someone-else", faaschaindepth = "9", data = new { id = "item-1" } },
            "application/cloudevents+json");

        Assert.Equal(["Started", "Started", "Started", "LoopDropped", "LoopDropped"], results.Select(r => Outcome(r, triggerId)));
        var executions = await _scenario.ExecutionsAsync(triggerId);
        Assert.Equal(4, executions.Count);
        Assert.Equal([0, 1, 2, 9], executions.Select(e => e.Event!.Value.GetProperty("chainDepth").GetInt32()).Order());
        Assert.Equal(2, (await _scenario.GetTriggerAsync(triggerId)).GetProperty("droppedLoopEvents").GetInt64());
    }

    [Fact]
    public async Task PausedService_SkipsEventsAndDoesNotReplayThemAfterResume()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));
        await _scenario.SetServiceActiveAsync(false);

        var paused = await _scenario.SendEventGridAsync(GridEvent("p1", "Item.Created", new { id = "item-1" }), GridEvent("p2", "Item.Created", new { id = "item-2" }));
        await _scenario.SetServiceActiveAsync(true);
        await Task.Delay(500);
        var afterResume = await _scenario.ExecutionsAsync(triggerId);
        await _scenario.SendEventGridAsync(GridEvent("p3", "Item.Created", new { id = "item-3" }));

        Assert.Equal("ServiceInactive", Outcome(paused, triggerId));
        Assert.Empty(afterResume);
        Assert.Equal("item-3", Assert.Single(await _scenario.ExecutionsAsync(triggerId)).Input["item"].GetProperty("id").GetString());
        Assert.Equal(2, (await _scenario.GetTriggerAsync(triggerId)).GetProperty("skippedEvents").GetInt64());
    }

    [Fact]
    public async Task InactiveTrigger_DoesNotFire()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));
        await _scenario.Developer.PostAsync($"{_scenario.Triggers}/{triggerId}/deactivate", null);

        var result = await _scenario.SendEventGridAsync(GridEvent("i1", "Item.Created", new { id = "item-1" }));

        Assert.Empty(result.GetProperty("events")[0].GetProperty("triggers").EnumerateArray());
        Assert.Empty(await _scenario.ListExecutionsAsync(triggerId));
    }

    private static string? Outcome(JsonElement result, string triggerId) =>
        result.GetProperty("events")[0].GetProperty("triggers").EnumerateArray()
            .Single(t => t.GetProperty("triggerId").GetString() == triggerId).GetProperty("outcome").GetString();
}
