namespace Faas.Serverless.Runner.Api;

/// <summary><c>PUT {base}/replicas/{replicaId}</c> body.</summary>
/// <param name="Pid">The agent's own process id (the process the supervisor started).</param>
/// <param name="WorkerPid">The Python worker's process id once it runs (an addition to the documented body).</param>
internal sealed record ReplicaStateReport(
    string State,
    int? ServiceVersion,
    int Pid,
    int? WorkerPid,
    string? Runtime,
    string? Message,
    ErrorInfo? Error);

internal static class ReplicaStates
{
    public const string Starting = "Starting";
    public const string Initializing = "Initializing";
    public const string Ready = "Ready";
    public const string Draining = "Draining";
    public const string Stopped = "Stopped";
    public const string Error = "Error";
}
