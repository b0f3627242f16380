using System.ComponentModel.DataAnnotations;

namespace Faas.Serverless.Orchestrations.Durable;

/// <summary>
/// <c>extensions.durableTask.storageProvider</c>: the Azure Storage backend's settings, with Durable Functions' names.
/// Defaults are tuned for a crash to cost seconds, not Durable Task's minutes (see the lease settings).
/// </summary>
public sealed record AzureStorageProviderOptions
{
    /// <summary>Control queues (and so the most hosts that share orchestration work). Fixed when the task hub is created.</summary>
    [Range(1, 16, ErrorMessage = "partitionCount must be between {1} and {2} (Durable Task's limit).")]
    public int PartitionCount { get; init; } = 2;

    [Range(1, 32, ErrorMessage = "controlQueueBatchSize must be between {1} and {2} (a queue read returns at most 32 messages).")]
    public int ControlQueueBatchSize { get; init; } = 32;

    [Range(1, 1000, ErrorMessage = "controlQueueBufferThreshold must be between {1} and {2}.")]
    public int ControlQueueBufferThreshold { get; init; } = 64;

    /// <summary>
    /// How long a dequeued message stays hidden. A host that dies holding it delays that orchestration by up to
    /// this much, so it is 15 s here instead of Durable Task's 5 minutes; it must still outlast one episode's commit.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "controlQueueVisibilityTimeout must be between {1} and {2}.")]
    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <inheritdoc cref="ControlQueueVisibilityTimeout"/>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "workItemQueueVisibilityTimeout must be between {1} and {2}.")]
    public TimeSpan WorkItemQueueVisibilityTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest wait between two looks at an empty queue: the cost of a cold start against idle requests.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "maxQueuePollingInterval must be between {1} and {2}.")]
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a partition lease lasts without renewal. A dead host's control queues are taken over once its leases
    /// expire, at the next acquire tick of a survivor: at most <see cref="LeaseInterval"/> + <see cref="LeaseAcquireInterval"/>
    /// = 13 s here (Durable Task's 30 s + 10 s would miss the 30 s recovery goal), which overlaps with, and so adds
    /// nothing to, the 15 s visibility timeout of the messages the dead host held; the work it then finds (its
    /// runners' calls, their retries) must still fit in the goal. Renewals every 3 s leave room for two slow storage
    /// round-trips before a healthy host loses a lease.
    /// Durable Task setting (not in Durable Functions' host.json schema, which ignores unknown keys).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "00:05:00", ErrorMessage = "leaseInterval must be between {1} and {2}.")]
    public TimeSpan LeaseInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a host reads the partition table to claim free or expired leases, renew its own and balance: each
    /// tick costs one query plus one write per owned partition, the main idle cost after queue polling.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "leaseAcquireInterval must be between {1} and {2}.")]
    public TimeSpan LeaseAcquireInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Renewal period of the blob-lease partition manager; the table partition manager renews on its acquire tick.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "leaseRenewInterval must be between {1} and {2}.")]
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(3);

    internal IEnumerable<string> LeaseTimingErrors()
    {
        if (LeaseAcquireInterval >= LeaseInterval)
        {
            yield return "leaseAcquireInterval must be shorter than leaseInterval, or leases expire between two renewals.";
        }

        if (LeaseRenewInterval >= LeaseInterval)
        {
            yield return "leaseRenewInterval must be shorter than leaseInterval, or leases expire between two renewals.";
        }
    }
}
