using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Orchestrations.Work;
using Faas.Serverless.Testing;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Tests.Engine;

[Collection("Azurite")]
public sealed class ControlQueuesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ScheduleAsync_DueNow_DeliversTheMessageToItsPartition()
    {
        var control = await CreateAsync();
        var message = Timer("execution-1", DateTimeOffset.UtcNow);

        var scheduled = await control.ScheduleAsync(message);
        var received = Assert.Single((await control.Partition(scheduled.Partition).ReceiveMessagesAsync()).Value);

        Assert.Equal(control.PartitionOf("execution-1"), scheduled.Partition);
        Assert.Equal(scheduled.MessageId, received.MessageId);
        Assert.Equal(message, ControlQueues.Deserialize(QueueMessageText.Decode(received)));
    }

    [Fact]
    public async Task CancelAsync_PendingTimer_RemovesIt()
    {
        var control = await CreateAsync();
        var scheduled = await control.ScheduleAsync(Timer("execution-2", DateTimeOffset.UtcNow.AddMinutes(5)));

        await control.CancelAsync(scheduled);

        Assert.Equal(0, (await control.Partition(scheduled.Partition).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task CancelAsync_TimerAlreadyTaken_LeavesItAlone()
    {
        var control = await CreateAsync();
        var scheduled = await control.ScheduleAsync(Timer("execution-3", DateTimeOffset.UtcNow));
        var queue = control.Partition(scheduled.Partition);
        var taken = Assert.Single((await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).Value);

        await control.CancelAsync(scheduled);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var again = Assert.Single((await queue.ReceiveMessagesAsync()).Value);
        Assert.Equal((taken.MessageId, 2L), (again.MessageId, again.DequeueCount));
    }

    private async Task<ControlQueues> CreateAsync()
    {
        var options = Options.Create(new QueueOptions { QueuePrefix = AzuriteFixture.UniqueName("c")[..12], ControlPartitions = 2 });
        var control = new ControlQueues(azurite.Clients.Queues, new WorkSignals(), options, TimeProvider.System);
        await control.CreateAsync();
        return control;
    }

    private static ControlMessage Timer(string executionId, DateTimeOffset due) =>
        new(executionId, new TimerElapsed("timer", TimerKind.Timeout, 1, due, 1), due);
}
