namespace Faas.Serverless.Runner.Worker;

/// <summary>How to start the Python worker for one codebase.</summary>
internal sealed record WorkerStartInfo(string Python, string SdkDir, string CodebaseDir, string EntryPoint, string ClassName);

/// <summary>Receives every parsed stdout message of the worker, on the worker's single reader loop (must not block).</summary>
internal interface IWorkerMessageHandler
{
    void OnMessage(WorkerMessage message);
}
