namespace Faas.Serverless.Bench;

/// <summary>Storage requests of one window, per "service operation".</summary>
internal sealed record StorageCounts(int Total, double Seconds, IReadOnlyDictionary<string, int> ByOperation)
{
    public static StorageCounts Of(IReadOnlyList<StorageRequest> requests, DateTimeOffset from, DateTimeOffset to)
    {
        var inWindow = requests.Where(r => r.Timestamp >= from && r.Timestamp < to).ToList();
        var byOperation = inWindow
            .GroupBy(r => $"{r.Service} {r.Operation}", StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new StorageCounts(inWindow.Count, (to - from).TotalSeconds, byOperation);
    }

    public IReadOnlyDictionary<string, double> PerUnit(int units) =>
        ByOperation.ToDictionary(p => p.Key, p => Math.Round((double)p.Value / units, 2), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> PerService(int units) =>
        ByOperation.GroupBy(p => p.Key.Split(' ')[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Math.Round((double)g.Sum(p => p.Value) / units, 2), StringComparer.Ordinal);
}
