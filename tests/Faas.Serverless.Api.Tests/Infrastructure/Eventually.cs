namespace Faas.Serverless.Api.Tests.Infrastructure;

/// <summary>Polls a condition that background work makes true, failing with a message once the time is up.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, because ?? "The condition did not become true in time.");
            await Task.Delay(100);
        }
    }
}
