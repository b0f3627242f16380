namespace Faas.Serverless.Bench;

/// <summary>Storage requests of one window, per "service operation".</summary>
internal sealed record StorageCounts(int Total, double Seconds, IReadOnlyDictionary<string, int> ByOperation)
{
    /// <summary>The requests logged between the marks <paramref name="from"/> and <paramref name="to"/> (see <see cref="AzuriteMarks"/>).</summary>
    public static StorageCounts Between(IReadOnlyList<StorageRequest> requests, string from, string to, double seconds)
    {
        var start = FindMark(requests, from, 0);
        var inWindow = requests.Skip(start + 1).Take(FindMark(requests, to, start + 1) - start - 1).ToList();
        var byOperation = inWindow
            .GroupBy(r => $"{r.Service} {r.Operation}", StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new StorageCounts(inWindow.Count, seconds, byOperation);
    }

    private static int FindMark(IReadOnlyList<StorageRequest> requests, string mark, int startAt)
    {
        for (var i = startAt; i < requests.Count; i++)
        {
            if (requests[i].Mark == mark)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Azurite's log has no mark '{mark}'.");
    }

    public IReadOnlyDictionary<string, double> PerUnit(int units) =>
        ByOperation.ToDictionary(p => p.Key, p => Math.Round((double)p.Value / units, 2), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> PerService(int units) =>
        ByOperation.GroupBy(p => p.Key.Split(' ')[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Math.Round((double)g.Sum(p => p.Value) / units, 2), StringComparer.Ordinal);
}
