using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Supervisor;

/// <summary>
/// Queue-length scaling, KEDA's azure-queue rule in miniature: one replica per <c>queueLength</c> messages,
/// within min..max. Scaling out is immediate; scaling in waits until the need has been lower for the cooldown.
/// </summary>
internal static class Autoscaler
{
    /// <param name="current">Replicas running now.</param>
    /// <param name="lastNeededAt">When the need last reached <paramref name="current"/> or more.</param>
    public static int Decide(AutoscalerSpec spec, int queueLength, int current, DateTimeOffset now, DateTimeOffset lastNeededAt)
    {
        var needed = Math.Clamp((int)Math.Ceiling(queueLength / (double)spec.QueueLength), spec.MinReplicas, spec.MaxReplicas);
        if (needed >= current)
        {
            return needed;
        }

        return now - lastNeededAt >= TimeSpan.FromSeconds(spec.CooldownPeriod) ? needed : current;
    }
}
