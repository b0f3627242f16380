namespace Faas.Serverless.Api.Tests.Faults;

/// <summary>
/// How long a workload took to recover from a fault, from the final statuses' timestamps in the status logs (the
/// host's clock, the machine's, as is the fault's).
/// </summary>
/// <param name="FinishedBefore">Executions already final when the fault struck.</param>
/// <param name="FirstCompletion">Fault to the first execution recorded final after it.</param>
/// <param name="AllFinal">Fault to the last execution recorded final.</param>
/// <param name="Offsets">Every execution's final status relative to the fault, in seconds, in order (negative: before it).</param>
public sealed record Recovery(int FinishedBefore, TimeSpan? FirstCompletion, TimeSpan AllFinal, IReadOnlyList<double> Offsets)
{
    /// <summary>The issue's bound: a fault with work in flight costs seconds, not Durable Task's default minutes.</summary>
    public static readonly TimeSpan Goal = TimeSpan.FromSeconds(30);

    public static Recovery From(IReadOnlyList<ExecutionOutcome> outcomes, DateTimeOffset faultAt)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var after = outcomes.Where(o => o.FinishedAt > faultAt).Select(o => o.FinishedAt - faultAt).ToList();
        return new Recovery(
            outcomes.Count - after.Count,
            after.Count == 0 ? null : after.Min(),
            after.Count == 0 ? TimeSpan.Zero : after.Max(),
            [.. outcomes.Select(o => Math.Round((o.FinishedAt - faultAt).TotalSeconds, 1)).Order()]);
    }

    public override string ToString() =>
        $"{FinishedBefore} final before the fault; first completion after it {(FirstCompletion is { } first ? $"{first.TotalSeconds:0.0} s" : "none")}, all final {AllFinal.TotalSeconds:0.0} s after it; " +
        $"final statuses at (s from the fault): {string.Join(" ", Offsets.Select(o => o.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))}";
}
