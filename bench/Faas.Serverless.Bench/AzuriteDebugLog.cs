namespace Faas.Serverless.Bench;

/// <summary>Azurite's <c>--debug</c> log file: waiting for it to catch up, and its request lines.</summary>
internal static class AzuriteDebugLog
{
    /// <summary>Azurite writes its log behind its work; the last mark being there means every line before it is.</summary>
    public static async Task WaitForMarkAsync(string debugLog, string lastMark, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!File.ReadLines(debugLog).Any(line => line.Contains(lastMark, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Azurite's log did not show '{lastMark}' within 60 s.");
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    public static IReadOnlyList<StorageRequest> Requests(string debugLog) =>
        AzuriteLogParser.ParseAll(File.ReadLines(debugLog).Where(l => l.Contains("StorageContextMiddleware: RequestMethod=", StringComparison.Ordinal)));
}
