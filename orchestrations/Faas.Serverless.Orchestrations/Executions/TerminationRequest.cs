namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>Who asked to terminate the current cycle, why, and when.</summary>
public sealed record TerminationRequest(string? RequestedBy, string? Reason, DateTimeOffset RequestedAt);
