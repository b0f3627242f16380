namespace Faas.Serverless.AzureStorage;

/// <summary>A sent message: its id and pop receipt are enough to delete it again (e.g. a cancelled timer).</summary>
public sealed record SendReceipt(string MessageId, string PopReceipt, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, DateTimeOffset NextVisibleOn);

/// <summary>A received or peeked message. Peeked messages have an empty <see cref="PopReceipt"/>.</summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    string MessageText,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn);

/// <summary>The new pop receipt of an updated message; the previous one no longer works.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);

public sealed record QueueProperties(int ApproximateMessagesCount);
