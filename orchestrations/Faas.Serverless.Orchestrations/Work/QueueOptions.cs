using System.ComponentModel.DataAnnotations;

namespace Faas.Serverless.Orchestrations.Work;

/// <summary>Bound from <c>Faas:Queues</c> (host.json <c>extensions.faas.queues</c>).</summary>
public sealed record QueueOptions
{
    public const string Section = "Faas:Queues";

    /// <summary>The longest idle wait between two looks at an empty queue; signals cut it short.</summary>
    [Range(10, 60_000)]
    public int MaxPollingIntervalMs { get; init; } = 2000;

    /// <summary>How long a leased item stays invisible before another replica may take it.</summary>
    [Range(5, 3600)]
    public int VisibilityTimeoutSeconds { get; init; } = 60;

    [Range(1, 32)]
    public int BatchSize { get; init; } = 32;

    /// <summary>Deliveries of one message that died without a report before it is dead-lettered.</summary>
    [Range(1, 100)]
    public int MaxDeliveries { get; init; } = 5;

    /// <summary>Lowercase letters and digits that start every queue name, so hosts or test runs can share an account.</summary>
    [RegularExpression("^[a-z][a-z0-9]{0,19}$")]
    public string QueuePrefix { get; init; } = "faas";
}
