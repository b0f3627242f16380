using Azure;
using Faas.Serverless.Domain.Common;

namespace Faas.Serverless.Storage;

/// <summary>
/// What a storage failure means to us. Stores and queues translate failures into domain outcomes at their
/// boundary (<see cref="Translate"/>); nothing above them sees <see cref="RequestFailedException"/>.
/// </summary>
public static class StorageFailure
{
    public static bool IsNotFound(this RequestFailedException exception) => exception.Status == 404;

    public static bool IsConflict(this RequestFailedException exception) => exception.Status == 409;

    public static bool IsPreconditionFailed(this RequestFailedException exception) => exception.Status == 412;

    /// <summary>
    /// True when storage did not answer or answered with a server error: the request may succeed later. Azure.Core
    /// throws an <see cref="AggregateException"/> of the attempts once its retries on network failures run out.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnavailable),
        _ => false,
    };

    /// <summary>True for the exceptions <see cref="Translate"/> understands.</summary>
    public static bool IsStorageFailure(Exception exception) =>
        exception is RequestFailedException || (exception is AggregateException aggregate && IsUnavailable(aggregate));

    /// <summary>
    /// The domain exception for a storage failure the caller did not handle itself: 409 is a conflict, 412 a stale
    /// ETag, an outage <see cref="StorageUnavailableException"/>, and any other refusal <see cref="StorageRejectedException"/>.
    /// </summary>
    public static Exception Translate(Exception exception, string operation)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            _ when IsUnavailable(exception) => new StorageUnavailableException($"Storage is unavailable ({operation}).", exception),
            RequestFailedException failed when failed.IsConflict() => new ConflictException($"{operation}: the resource was created or changed concurrently."),
            RequestFailedException failed when failed.IsPreconditionFailed() => new PreconditionFailedException($"{operation}: the resource changed since it was read."),
            RequestFailedException failed => new StorageRejectedException(
                $"Storage refused {operation}: {failed.ErrorCode ?? failed.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}.", failed)
            {
                IsTooLarge = failed.Status == 413 || failed.ErrorCode is "RequestBodyTooLarge" or "EntityTooLarge" or "PropertyValueTooLarge",
            },
            _ => exception,
        };
    }

    /// <summary>Runs one storage operation and translates its failures (<see cref="Translate"/>).</summary>
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> operation, string name)
    {
        ArgumentNullException.ThrowIfNull(operation);
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            throw Translate(ex, name);
        }
    }

    /// <inheritdoc cref="TranslateAsync{T}(Func{Task{T}}, string)"/>
    public static async Task TranslateAsync(Func<Task> operation, string name)
    {
        ArgumentNullException.ThrowIfNull(operation);
        try
        {
            await operation().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            throw Translate(ex, name);
        }
    }
}
