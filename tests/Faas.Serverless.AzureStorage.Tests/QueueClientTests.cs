using System.Diagnostics;
using Faas.Serverless.Testing;

namespace Faas.Serverless.AzureStorage.Tests;

[Collection("Azurite")]
public sealed class QueueClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly QueueClient _queue = azurite.CreateAccount().GetQueueClient(AzuriteFixture.UniqueName("queue"));

    public Task InitializeAsync() => _queue.CreateIfNotExistsAsync();

    public Task DisposeAsync() => _queue.DeleteIfExistsAsync();

    [Fact]
    public async Task SendReceiveDelete_OneMessage_LeavesQueueEmpty()
    {
        await _queue.CreateIfNotExistsAsync();
        var receipt = await _queue.SendMessageAsync("hello");

        var message = Assert.Single(await _queue.ReceiveMessagesAsync());
        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);

        Assert.Equal((receipt.MessageId, "hello", 1L), (message.MessageId, message.MessageText, message.DequeueCount));
        Assert.True(message.NextVisibleOn > message.InsertedOn);
        Assert.Empty(await _queue.PeekMessagesAsync(32));
        Assert.Contains(_queue.Name, await azurite.CreateAccount().ListQueuesAsync().ToListAsync());
    }

    [Theory]
    [InlineData("<tag attr=\"x\">&amp; ]]> 'quotes'</tag>")]
    [InlineData("ünïcødé 日本語 🎉")]
    [InlineData("control \u0001\u0002 chars\r\n and tabs\t")]
    [InlineData("{\"json\":true}")]
    public async Task SendMessageAsync_SpecialText_RoundTrips(string text)
    {
        await _queue.SendMessageAsync(text);

        var message = Assert.Single(await _queue.ReceiveMessagesAsync());

        Assert.Equal(text, message.MessageText);
    }

    [Fact]
    public async Task SendMessageAsync_VisibilityDelay_HidesMessageUntilDelayPasses()
    {
        var clock = Stopwatch.StartNew();
        var receipt = await _queue.SendMessageAsync("timer", visibilityDelay: TimeSpan.FromSeconds(1));

        var early = await _queue.ReceiveMessagesAsync();
        var late = await PollAsync(() => _queue.ReceiveMessagesAsync());

        Assert.Empty(early);
        Assert.Equal(receipt.MessageId, Assert.Single(late).MessageId);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"visible after {clock.Elapsed}");
        Assert.True(receipt.NextVisibleOn > receipt.InsertedOn);
    }

    [Fact]
    public async Task SendMessageAsync_ShortTimeToLive_MessageExpires()
    {
        var receipt = await _queue.SendMessageAsync("ephemeral", timeToLive: TimeSpan.FromSeconds(1));
        var forever = await _queue.SendMessageAsync("durable", timeToLive: Timeout.InfiniteTimeSpan);

        var remaining = await PollAsync(async () =>
        {
            var peeked = await _queue.PeekMessagesAsync(32);
            return peeked.Count == 1 ? peeked : [];
        });

        Assert.Equal(forever.MessageId, Assert.Single(remaining).MessageId);
        Assert.Equal(TimeSpan.FromSeconds(1), receipt.ExpiresOn - receipt.InsertedOn);
        Assert.True(forever.ExpiresOn.Year >= 9999);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_MoreThan32Waiting_ReturnsAtMost32()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => _queue.SendMessageAsync($"m{i}")));

        var batch = await _queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30));
        var rest = await _queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30));

        Assert.Equal(32, batch.Count);
        Assert.Equal(8, rest.Count);
        Assert.Equal(40, batch.Concat(rest).Select(message => message.MessageText).Distinct().Count());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _queue.ReceiveMessagesAsync(33));
    }

    [Fact]
    public async Task UpdateMessageAsync_NewVisibility_OldPopReceiptNoLongerDeletes()
    {
        await _queue.SendMessageAsync("work");
        var message = Assert.Single(await _queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(30)));

        var update = await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.FromSeconds(60), "work v2");
        var stale = await Assert.ThrowsAsync<StorageException>(() => _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt));

        Assert.NotEqual(message.PopReceipt, update.PopReceipt);
        Assert.True(update.NextVisibleOn > message.NextVisibleOn);
        Assert.True(stale.IsNotFound);
        Assert.Empty(await _queue.ReceiveMessagesAsync());
        await _queue.DeleteMessageAsync(message.MessageId, update.PopReceipt);
    }

    [Fact]
    public async Task UpdateMessageAsync_VisibleAgain_DequeueCountIncrementsAndTextChanges()
    {
        await _queue.SendMessageAsync("attempt");
        var first = Assert.Single(await _queue.ReceiveMessagesAsync());

        await _queue.UpdateMessageAsync(first.MessageId, first.PopReceipt, TimeSpan.Zero, "retry");
        var second = Assert.Single(await _queue.ReceiveMessagesAsync());

        Assert.Equal((1L, 2L), (first.DequeueCount, second.DequeueCount));
        Assert.Equal("retry", second.MessageText);
    }

    [Fact]
    public async Task PeekMessagesAsync_WaitingMessages_ReturnsWithoutPopReceiptOrDequeue()
    {
        await _queue.SendMessageAsync("a");
        await _queue.SendMessageAsync("b");

        var peeked = await _queue.PeekMessagesAsync(5);
        var received = await _queue.ReceiveMessagesAsync(5);

        Assert.Equal(["a", "b"], peeked.Select(message => message.MessageText));
        Assert.All(peeked, message => Assert.Equal((string.Empty, 0L), (message.PopReceipt, message.DequeueCount)));
        Assert.Equal(2, received.Count);
    }

    [Fact]
    public async Task ClearMessagesAsync_WithMessages_CountDropsToZero()
    {
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => _queue.SendMessageAsync($"m{i}")));
        var before = await _queue.GetPropertiesAsync();

        await _queue.ClearMessagesAsync();

        Assert.Equal(3, before.ApproximateMessagesCount);
        Assert.Equal(0, (await _queue.GetPropertiesAsync()).ApproximateMessagesCount);
    }

    [Fact]
    public async Task SendMessageAsync_SizeLimit_AcceptsExactly64KiBEncodedAndRejectsMore()
    {
        var largest = new string('x', 48 * 1024);

        await _queue.SendMessageAsync(largest);

        await Assert.ThrowsAsync<ArgumentException>(() => _queue.SendMessageAsync(largest + "x"));
        Assert.Equal(largest, Assert.Single(await _queue.ReceiveMessagesAsync()).MessageText);
    }

    [Fact]
    public async Task DeleteMessageAsync_MissingQueue_ThrowsNotFound()
    {
        var missing = azurite.CreateAccount().GetQueueClient(AzuriteFixture.UniqueName("missing"));

        var exception = await Assert.ThrowsAsync<StorageException>(() => missing.SendMessageAsync("x"));

        Assert.True(exception.IsNotFound);
        Assert.Equal("QueueNotFound", exception.ErrorCode);
    }

    private static async Task<IReadOnlyList<QueueMessage>> PollAsync(Func<Task<IReadOnlyList<QueueMessage>>> attempt)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var messages = await attempt();
            if (messages.Count > 0 || deadline.Elapsed > TimeSpan.FromSeconds(5))
            {
                return messages;
            }

            await Task.Delay(100);
        }
    }
}
