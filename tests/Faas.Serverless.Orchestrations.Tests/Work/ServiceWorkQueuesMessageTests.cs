using System.Text;
using System.Text.Json;
using Faas.Serverless.Orchestrations.Work;
using Faas.Serverless.Testing;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Tests.Work;

/// <summary>What a work message looks like on the queue, read with a plain SDK client.</summary>
[Collection("Azurite")]
public sealed class ServiceWorkQueuesMessageTests(AzuriteFixture azurite)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task EnqueueAsync_Item_TravelsAsBase64JsonThatNeverExpires()
    {
        var (queues, serviceId) = await CreateAsync();

        await queues.EnqueueAsync(Item(serviceId));
        var raw = Assert.Single((await azurite.Clients.Queues.GetQueueClient(queues.QueueName(serviceId)).PeekMessagesAsync()).Value);

        var json = JsonDocument.Parse(Convert.FromBase64String(raw.Body.ToString())).RootElement;
        Assert.Equal(("execution-1", serviceId), (json.GetProperty("executionId").GetString(), json.GetProperty("serviceId").GetString()));
        Assert.True(raw.ExpiresOn > DateTimeOffset.UtcNow.AddYears(100), $"The message expires on {raw.ExpiresOn}.");
    }

    [Fact]
    public async Task LeaseAsync_MessageQueuedAsPlainJsonByAnotherTool_IsLeased()
    {
        var (queues, serviceId) = await CreateAsync();
        var text = JsonSerializer.Serialize(Item(serviceId), Web);

        await azurite.Clients.Queues.GetQueueClient(queues.QueueName(serviceId)).SendMessageAsync(text);
        var leased = Assert.Single(await queues.LeaseAsync(serviceId, 1, TimeSpan.FromSeconds(5)));

        Assert.Equal(("execution-1", 1), (leased.Item.ExecutionId, leased.Item.Attempt));
    }

    [Fact]
    public async Task LeaseAsync_NonAsciiInput_RoundTrips()
    {
        var (queues, serviceId) = await CreateAsync();
        var input = new Dictionary<string, JsonElement> { ["text"] = JsonSerializer.SerializeToElement("żółw 🐢 <&>\u0001") };

        await queues.EnqueueAsync(Item(serviceId) with { Input = input });
        var leased = Assert.Single(await queues.LeaseAsync(serviceId, 1, TimeSpan.FromSeconds(5)));

        Assert.Equal("żółw 🐢 <&>\u0001", leased.Item.Input["text"].GetString());
    }

    [Fact]
    public async Task EnqueueAsync_QueueNotCreatedYet_CreatesItAndEnqueues()
    {
        var (queues, _) = await CreateAsync();
        var serviceId = Guid.NewGuid().ToString("N");

        await queues.EnqueueAsync(Item(serviceId));

        Assert.Equal(1, await queues.LengthAsync(serviceId));
    }

    [Fact]
    public void Decode_TextThatIsNotBase64Utf8_ReturnsItUnchanged()
    {
        var notUtf8 = Convert.ToBase64String([0xff, 0xfe, 0xfd]);

        Assert.Equal(("{\"a\":1}", notUtf8, "ok"), (QueueMessageText.Decode("{\"a\":1}"), QueueMessageText.Decode(notUtf8), QueueMessageText.Decode(Convert.ToBase64String(Encoding.UTF8.GetBytes("ok")))));
    }

    private async Task<(ServiceWorkQueues Queues, string ServiceId)> CreateAsync()
    {
        var options = Options.Create(new QueueOptions { QueuePrefix = AzuriteFixture.UniqueName("q")[..12], MaxPollingIntervalMs = 200 });
        var queues = new ServiceWorkQueues(azurite.Clients.Queues, new WorkSignals(), new MemoryPayloadStore(), options, TimeProvider.System);
        var serviceId = Guid.NewGuid().ToString("N");
        await queues.CreateAsync(serviceId);
        return (queues, serviceId);
    }

    private static WorkItem Item(string serviceId) =>
        new("execution-1", "project", serviceId, 1, "run", new Dictionary<string, JsonElement>(), 60, null);
}
