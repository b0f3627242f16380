namespace Faas.Serverless.Runner.Api;

/// <summary><c>work/events</c> answer: the events the host refused; every other event was applied (or ignored as stale).</summary>
internal sealed record EventsResponse(IReadOnlyList<EventRejection>? Rejected);

/// <param name="Status">What the event alone would have got: 400, or 413 when it is too large.</param>
internal sealed record EventRejection(string? EventId, int Status, string? Detail);
