using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Faas.Serverless.AzureStorage.Pipeline;
using Faas.Serverless.AzureStorage.Queues;

namespace Faas.Serverless.AzureStorage;

/// <summary>One queue. Thread-safe; cheap to create.</summary>
public sealed class QueueClient
{
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);
    private readonly StoragePipeline _pipeline;
    private readonly string _messagesPath;

    internal QueueClient(StoragePipeline pipeline, string name)
    {
        _pipeline = pipeline;
        Name = ResourceNames.Queue(name);
        _messagesPath = $"/{Name}/messages";
    }

    public string Name { get; }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, "/" + Name);
        await _pipeline.SendToleratingAsync(message, 409, "QueueAlreadyExists", cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, "/" + Name);
        await _pipeline.SendToleratingAsync(message, 404, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Enqueues a message, invisible for <paramref name="visibilityDelay"/> (up to 7 days: a durable timer) and
    /// kept for <paramref name="timeToLive"/> (default 7 days; <see cref="Timeout.InfiniteTimeSpan"/>: forever).
    /// </summary>
    /// <exception cref="ArgumentException">The base64-encoded text exceeds 64 KiB.</exception>
    public async Task<SendReceipt> SendMessageAsync(
        string messageText, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        var encoded = QueueMessageXml.Encode(messageText);
        if (encoded.Length > QueueMessageXml.MaxEncodedLength)
        {
            throw new ArgumentException($"The message is {encoded.Length} bytes base64-encoded; the limit is {QueueMessageXml.MaxEncodedLength}.", nameof(messageText));
        }

        using var message = _pipeline.CreateMessage(RequestMethod.Post, _messagesPath);
        if (visibilityDelay is { } delay)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(delay, TimeSpan.Zero, nameof(visibilityDelay)));
        }

        if (timeToLive is { } ttl)
        {
            message.Request.Uri.AppendQuery("messagettl", ttl == Timeout.InfiniteTimeSpan ? "-1" : Seconds(ttl, TimeSpan.FromSeconds(1), nameof(timeToLive), TimeSpan.MaxValue));
        }

        message.Request.Content = RequestContent.Create(QueueMessageXml.Body(encoded));
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        var document = await LoadAsync(response, cancellationToken).ConfigureAwait(false);
        return QueueMessageXml.ReadReceipt(QueueMessageXml.Messages(document).Single());
    }

    /// <summary>Dequeues up to <paramref name="maxMessages"/> (1-32) messages, invisible to others for <paramref name="visibilityTimeout"/> (default 30 s).</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateGetMessages(maxMessages);
        if (visibilityTimeout is { } timeout)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(timeout, TimeSpan.FromSeconds(1), nameof(visibilityTimeout)));
        }

        return await ReadMessagesAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads up to <paramref name="maxMessages"/> (1-32) visible messages without dequeuing them.</summary>
    public async Task<IReadOnlyList<QueueMessage>> PeekMessagesAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        using var message = CreateGetMessages(maxMessages);
        message.Request.Uri.AppendQuery("peekonly", "true");
        return await ReadMessagesAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the message invisible for <paramref name="visibilityTimeout"/> from now (0: visible again), optionally
    /// replacing its text. The returned pop receipt replaces <paramref name="popReceipt"/>.
    /// </summary>
    public async Task<UpdateReceipt> UpdateMessageAsync(
        string messageId, string popReceipt, TimeSpan visibilityTimeout, string? messageText = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessageRequest(RequestMethod.Put, messageId, popReceipt);
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout, TimeSpan.Zero, nameof(visibilityTimeout)));
        if (messageText is not null)
        {
            message.Request.Content = RequestContent.Create(QueueMessageXml.Body(QueueMessageXml.Encode(messageText)));
        }

        var response = await SendWithPopReceiptAsync(message, cancellationToken).ConfigureAwait(false);
        return new UpdateReceipt(
            Header(response, "x-ms-popreceipt"),
            QueueMessageXml.ParseTime(Header(response, "x-ms-time-next-visible")));
    }

    /// <summary>Deletes a received message; a stale pop receipt fails with <see cref="StorageException.IsNotFound"/>.</summary>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessageRequest(RequestMethod.Delete, messageId, popReceipt);
        await SendWithPopReceiptAsync(message, cancellationToken).ConfigureAwait(false);
    }

    public async Task<QueueProperties> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, "/" + Name);
        message.Request.Uri.AppendQuery("comp", "metadata");
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        return new QueueProperties(int.Parse(Header(response, "x-ms-approximate-messages-count"), CultureInfo.InvariantCulture));
    }

    public async Task ClearMessagesAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, _messagesPath);
        await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private HttpMessage CreateGetMessages(int maxMessages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        var message = _pipeline.CreateMessage(RequestMethod.Get, _messagesPath);
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        return message;
    }

    private HttpMessage CreateMessageRequest(RequestMethod method, string messageId, string popReceipt)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        var message = _pipeline.CreateMessage(method, $"{_messagesPath}/{Uri.EscapeDataString(messageId)}");
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        return message;
    }

    // Azure answers a stale pop receipt with 404 MessageNotFound, Azurite with 400 PopReceiptMismatch; callers
    // get the cloud's status from both so that "someone else owns or deleted the message" has one test.
    private async Task<Response> SendWithPopReceiptAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (!response.IsError)
        {
            return response;
        }

        var error = await StorageErrors.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
        throw error.ErrorCode == "PopReceiptMismatch" ? new StorageException(404, error.ErrorCode, error.Message) : error;
    }

    private async Task<IReadOnlyList<QueueMessage>> ReadMessagesAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        var document = await LoadAsync(response, cancellationToken).ConfigureAwait(false);
        var now = response.Headers.Date ?? DateTimeOffset.UtcNow;
        return QueueMessageXml.Messages(document).Select(element => QueueMessageXml.Read(element, now)).ToList();
    }

    private static async Task<XDocument> LoadAsync(Response response, CancellationToken cancellationToken) =>
        await XDocument.LoadAsync(response.ContentStream!, LoadOptions.None, cancellationToken).ConfigureAwait(false);

    private static string Header(Response response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? value : throw new StorageException(response.Status, null, $"The queue service returned no {name} header.");

    private static string Seconds(TimeSpan value, TimeSpan minimum, string parameterName, TimeSpan? maximum = null)
    {
        if (value < minimum || value > (maximum ?? MaxVisibility))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, $"Must be between {minimum} and {maximum ?? MaxVisibility}.");
        }

        return ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
    }
}
