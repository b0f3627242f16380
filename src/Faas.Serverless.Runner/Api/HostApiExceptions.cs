using System.Net;

namespace Faas.Serverless.Runner.Api;

/// <summary>A host call failed for good (not transient, or still failing after the retries).</summary>
internal class HostApiException : Exception
{
    public HostApiException()
    {
    }

    public HostApiException(string message)
        : base(message)
    {
    }

    public HostApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public HostApiException(string message, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(message, innerException) => StatusCode = statusCode;

    public HttpStatusCode? StatusCode { get; }
}

/// <summary>The host answered 401, 403 or 404: the bot key or the service is refused and retrying cannot help (exit 4).</summary>
internal sealed class HostRefusedException : HostApiException
{
    public HostRefusedException()
    {
    }

    public HostRefusedException(string message)
        : base(message)
    {
    }

    public HostRefusedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public HostRefusedException(string message, HttpStatusCode statusCode)
        : base(message, statusCode)
    {
    }
}
