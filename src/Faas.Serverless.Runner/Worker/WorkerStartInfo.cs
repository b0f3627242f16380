namespace Faas.Serverless.Runner.Worker;

/// <summary>How to start the Python worker for one codebase.</summary>
/// <param name="MaxLineBytes">The longest stdout line the agent reads from the worker (a result plus envelope).</param>
internal sealed record WorkerStartInfo(string Python, string SdkDir, string CodebaseDir, string EntryPoint, string ClassName, int MaxLineBytes);

/// <summary>Receives what one worker process writes, on that process's reader loop (must not block).</summary>
internal interface IWorkerMessageHandler
{
    void OnMessage(WorkerMessage message);

    /// <summary>The worker broke the protocol in a way that leaves it untrustworthy (a line beyond the size limit).</summary>
    void OnProtocolViolation(string reason);
}
