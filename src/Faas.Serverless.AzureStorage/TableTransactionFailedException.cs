namespace Faas.Serverless.AzureStorage;

/// <summary>
/// An entity group transaction was rejected; nothing in it was applied. <see cref="StorageException.Status"/> and
/// <see cref="StorageException.ErrorCode"/> describe the failing operation, <see cref="FailedIndex"/> locates it
/// (null when the service rejected the batch as a whole).
/// </summary>
public sealed class TableTransactionFailedException : StorageException
{
    public TableTransactionFailedException()
    {
    }

    public TableTransactionFailedException(string message)
        : base(message)
    {
    }

    public TableTransactionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TableTransactionFailedException(int status, string? errorCode, int? failedIndex, string message)
        : base(status, errorCode, message)
    {
        FailedIndex = failedIndex;
    }

    public int? FailedIndex { get; }
}
