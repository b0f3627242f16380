namespace Faas.Serverless.Supervisor;

/// <summary>Restart bookkeeping for one replica slot of one service version.</summary>
internal sealed class ReplicaSlot(ReplicaKey key)
{
    public ReplicaKey Key { get; } = key;

    public RunnerProcess? Process { get; set; }

    public int ConsecutiveInitFailures { get; set; }

    public int Restarts { get; set; }

    public DateTimeOffset NotBefore { get; set; }

    /// <summary>Exponential backoff after a crash, reset once a process has stayed up for a minute.</summary>
    public void RecordExit(int exitCode, DateTimeOffset now, TimeSpan maxBackoff)
    {
        var ranFor = now - (Process?.StartedAt ?? now);
        if (ranFor > TimeSpan.FromMinutes(1))
        {
            Restarts = 0;
        }

        ConsecutiveInitFailures = exitCode == ExitCodes.InitFailed ? ConsecutiveInitFailures + 1 : 0;
        Restarts++;
        var backoff = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Restarts - 1), maxBackoff.TotalSeconds));
        NotBefore = now + backoff;
        Process?.Dispose();
        Process = null;
    }
}

/// <summary>The runner agent's exit codes (docs/runner-protocol.md).</summary>
internal static class ExitCodes
{
    public const int Stopped = 0;
    public const int InitFailed = 3;
    public const int Refused = 4;
}
