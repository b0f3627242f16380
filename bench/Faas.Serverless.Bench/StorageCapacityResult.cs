namespace Faas.Serverless.Bench;

/// <summary>
/// Azurite's raw capacity for the platform's mix, and the executions/s it allows at the measured requests per execution;
/// <see cref="AzuriteCores"/> (CPU seconds per second while it ran) near 1 says single-threaded Azurite was the limit, not the client.
/// </summary>
internal sealed record StorageCapacityResult(
    int Tasks,
    double Seconds,
    int Operations,
    int Failed,
    double OperationsPerSecond,
    IReadOnlyDictionary<string, int> ByOperation,
    double RequestsPerExecution,
    double StorageBoundExecutionsPerSecond,
    double PlatformExecutionsPerSecond,
    double FractionOfLimit,
    double AzuriteCores)
{
    public static StorageCapacityResult Create(int tasks, double seconds, IReadOnlyDictionary<string, int> byOperation, int failed, double requestsPerExecution, double platformExecutionsPerSecond, double azuriteCores)
    {
        var operations = byOperation.Values.Sum();
        var perSecond = operations / seconds;
        var limit = requestsPerExecution > 0 ? perSecond / requestsPerExecution : double.NaN;
        return new StorageCapacityResult(
            tasks,
            Math.Round(seconds, 2),
            operations,
            failed,
            Math.Round(perSecond, 1),
            byOperation,
            requestsPerExecution,
            Math.Round(limit, 2),
            platformExecutionsPerSecond,
            Math.Round(platformExecutionsPerSecond / limit, 3),
            Math.Round(azuriteCores, 2));
    }
}
