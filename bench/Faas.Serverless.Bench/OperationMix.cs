namespace Faas.Serverless.Bench;

/// <summary>The platform's storage operations per execution, as a sequence the capacity bench replays against Azurite.</summary>
internal static class OperationMix
{
    public const string GetEntity = "table GET entity";
    public const string Query = "table GET query";
    public const string Batch = "table POST $batch";
    public const string PutEntity = "table PUT entity";
    public const string PostMessage = "queue POST messages";
    public const string GetMessages = "queue GET messages";
    public const string DeleteMessage = "queue DELETE message";

    private static readonly HashSet<string> Replayable = new([GetEntity, Query, Batch, PutEntity, PostMessage, GetMessages, DeleteMessage], StringComparer.Ordinal);

    /// <summary>The replayable operations of a per-execution count; the rest (table and queue creation, blobs) are rare.</summary>
    public static IReadOnlyDictionary<string, double> Weights(IReadOnlyDictionary<string, double> perExecution) =>
        perExecution.Where(p => Replayable.Contains(p.Key) && p.Value > 0).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="length"/> operations, each as often as its weight's share, spread evenly (smooth weighted round
    /// robin), so any stretch of the sequence a task replays has the platform's mix.
    /// </summary>
    public static IReadOnlyList<string> Schedule(IReadOnlyDictionary<string, double> weights, int length)
    {
        var names = weights.Keys.Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            throw new ArgumentException("No storage operation to replay.", nameof(weights));
        }

        var total = names.Sum(n => weights[n]);
        var current = new double[names.Count];
        var schedule = new List<string>(length);
        for (var slot = 0; slot < length; slot++)
        {
            for (var i = 0; i < names.Count; i++)
            {
                current[i] += weights[names[i]];
            }

            var pick = Array.IndexOf(current, current.Max());
            current[pick] -= total;
            schedule.Add(names[pick]);
        }

        return schedule;
    }

    /// <summary>Messages one queue read takes, so reads hand out at least as many pop receipts as deletes use.</summary>
    public static int MessagesPerRead(IReadOnlyDictionary<string, double> weights) =>
        weights.TryGetValue(GetMessages, out var reads) && weights.TryGetValue(DeleteMessage, out var deletes)
            ? Math.Clamp((int)Math.Ceiling(deletes / reads), 1, 32)
            : 1;
}
