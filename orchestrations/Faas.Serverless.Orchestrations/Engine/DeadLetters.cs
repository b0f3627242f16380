using Faas.Serverless.Domain.Common;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>A queue message that failed processing repeatedly, kept whole so that it can be replayed.</summary>
public sealed record DeadLetter(
    string Id,
    string ProjectId,
    string? ExecutionId,
    string QueueName,
    string MessageText,
    string Reason,
    long DequeueCount,
    DateTimeOffset DeadLetteredAt);

public interface IDeadLetterStore
{
    Task AddAsync(DeadLetter letter, CancellationToken cancellationToken = default);

    Task<Page<DeadLetter>> ListAsync(string projectId, PageRequest page, CancellationToken cancellationToken = default);

    Task<DeadLetter?> GetAsync(string projectId, string id, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string projectId, string id, CancellationToken cancellationToken = default);
}
