namespace Faas.Serverless.Domain.Common;

/// <summary>The request collides with existing state (a duplicate name, a resource still in use).</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>The caller's ETag no longer matches: someone else changed the resource first.</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);

/// <summary>A paging token that this service did not issue, or that was altered.</summary>
public sealed class InvalidContinuationTokenException(string message) : Exception(message);

/// <summary>Storage did not answer or failed on its side: the same request may succeed later (503 + Retry-After).</summary>
public sealed class StorageUnavailableException(string message, Exception innerException) : Exception(message, innerException);

/// <summary>Storage refused the data itself (too large, a key or property it does not accept): retrying cannot help.</summary>
public sealed class StorageRejectedException(string message, Exception innerException) : Exception(message, innerException)
{
    /// <summary>The data was refused for its size (a request body, entity or property over the service's limit).</summary>
    public bool IsTooLarge { get; init; }
}

/// <summary>
/// A change was handed on but is not confirmed yet (an execution's orchestration has not applied the events): the
/// same request, sent again, is recognized and either confirms it or hands it on again (503 + Retry-After).
/// </summary>
public sealed class NotAppliedYetException(string message) : Exception(message);
