namespace Faas.Serverless.Runner.Tests.Support;

public static class Wait
{
    /// <summary>Polls until the condition holds; fails the test with <paramref name="what"/> on timeout.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, double timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeoutSeconds} s waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }
}
