namespace Faas.Serverless.AzureStorage;

/// <summary>
/// The only exception type storage failures surface as. <see cref="Status"/> is 0 when no HTTP response was
/// received (network failure or timeout).
/// </summary>
public class StorageException : Exception
{
    public StorageException()
    {
    }

    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    // Public so that in-memory fakes of storage-backed ports can raise the same failures as the real service.
    public StorageException(int status, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    public int Status { get; }

    public string? ErrorCode { get; }

    public bool IsNotFound => Status == 404;

    public bool IsConflict => Status == 409;

    public bool IsPreconditionFailed => Status == 412;
}
