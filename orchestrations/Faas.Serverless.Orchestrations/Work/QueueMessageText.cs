using System.Text;
using Azure.Storage.Queues.Models;

namespace Faas.Serverless.Orchestrations.Work;

/// <summary>
/// How our work and control messages travel: UTF-8 text, base64-encoded, as the hand-written client sent them
/// before and as Azure Functions' queue triggers expect. Messages queued by an older host stay readable. The
/// service clients come from dependency injection with the SDK's default <c>QueueMessageEncoding.None</c> (which
/// <c>GetQueueClient</c> inherits and cannot override), so the encoding is done here, once for every writer and
/// reader, rather than in <c>QueueClientOptions.MessageEncoding</c>.
/// </summary>
public static class QueueMessageText
{
    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    /// <summary>The text to pass to <c>SendMessageAsync</c>.</summary>
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The text a message carries; one written as plain text by another tool surfaces as its raw text.</summary>
    public static string Decode(QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Decode(message.Body.ToString());
    }

    public static string Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var bytes = new byte[encoded.Length];
        if (Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            try
            {
                return Strict.GetString(bytes, 0, written);
            }
            catch (DecoderFallbackException)
            {
                return encoded;
            }
        }

        return encoded;
    }
}
