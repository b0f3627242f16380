namespace Faas.Serverless.Runner.Worker;

/// <summary>A request could not be written because the worker process is gone.</summary>
internal sealed class WorkerUnavailableException : Exception
{
    public WorkerUnavailableException()
    {
    }

    public WorkerUnavailableException(string message)
        : base(message)
    {
    }

    public WorkerUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
