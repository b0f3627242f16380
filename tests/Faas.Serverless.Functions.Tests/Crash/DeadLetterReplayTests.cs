using System.Net;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Functions.Tests.Infrastructure;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Functions.Tests.Crash;

[Collection("Azurite")]
public sealed class DeadLetterReplayTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FaasApiFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new FaasApiFactory(azurite);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Replay_DeadLetter_PutsTheSameTextBackOnItsControlQueue()
    {
        var tenant = await Tenant.CreateAsync(_factory);
        var letters = _factory.Services.GetRequiredService<IDeadLetterStore>();
        var queue = _factory.Services.GetRequiredService<ControlQueues>().Partition(1).Name;
        var text = $"not a control message: é {Guid.NewGuid():N}";
        var letter = new DeadLetter(Ids.New(), tenant.ProjectId, null, queue, text, "test", 5, DateTimeOffset.UtcNow);
        await letters.AddAsync(letter);
        using var admin = _factory.CreateAdminClient();

        using var replay = await admin.PostAsync(new Uri($"/api/v1/projects/{tenant.ProjectId}/dead-letters/{letter.Id}/replay", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Null(await letters.GetAsync(tenant.ProjectId, letter.Id));
        // The dispatcher cannot read it either, so it dead-letters it again: with the very text that was replayed.
        await Eventually.TrueAsync(
            async () => (await letters.ListAsync("unknown", new PageRequest(PageRequest.MaxPageSize))).Items.Any(again => again.MessageText == text && again.QueueName == queue),
            because: "the replayed message should come back through the control queue");
    }
}
