using Azure;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Orchestrations.Work;

internal static class QueueFailures
{
    /// <summary>"Never expires" for <c>SendMessageAsync</c>: the SDK sends whole seconds, and -1 is the service's "never".</summary>
    public static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    /// <summary>
    /// Someone else owns or deleted the message: Azure answers a stale pop receipt with 404 MessageNotFound (or 400
    /// PopReceiptMismatch), Azurite with 400 PopReceiptMismatch.
    /// </summary>
    public static bool IsMessageGone(this RequestFailedException exception) =>
        exception.IsNotFound() || exception.ErrorCode == "PopReceiptMismatch";
}
