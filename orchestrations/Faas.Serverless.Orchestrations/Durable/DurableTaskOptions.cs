using System.ComponentModel.DataAnnotations;

namespace Faas.Serverless.Orchestrations.Durable;

/// <summary>
/// Durable Task settings in Durable Functions' host.json shape (<c>extensions.durableTask</c>), bound from the key
/// the Functions host also reads app-setting overrides from, e.g. <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c>.
/// </summary>
public sealed record DurableTaskOptions : IValidatableObject
{
    public const string Section = "AzureFunctionsJobHost:extensions:durableTask";

    /// <summary>
    /// Names the task hub's queues (<c>{hub}-control-NN</c>, <c>{hub}-workitems</c>) and tables (<c>{hub}Instances</c>,
    /// <c>{hub}History</c>): Durable Task's rule is 3-45 letters or digits, starting with a letter.
    /// </summary>
    [Required(ErrorMessage = "durableTask.hubName is required.")]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$",
        ErrorMessage = "durableTask.hubName must be 3-45 letters or digits, starting with a letter (Durable Task's task hub naming rule).")]
    public string HubName { get; init; } = "faas";

    [Range(1, 1000, ErrorMessage = "durableTask.maxConcurrentActivityFunctions must be between {1} and {2}.")]
    public int MaxConcurrentActivityFunctions { get; init; } = 64;

    [Range(1, 1000, ErrorMessage = "durableTask.maxConcurrentOrchestratorFunctions must be between {1} and {2}.")]
    public int MaxConcurrentOrchestratorFunctions { get; init; } = 64;

    /// <summary>Keeps an orchestration's history in memory between episodes (fewer history reads, more memory).</summary>
    public bool ExtendedSessionsEnabled { get; init; }

    [Range(1, 3600, ErrorMessage = "durableTask.extendedSessionIdleTimeoutInSeconds must be between {1} and {2}.")]
    public int ExtendedSessionIdleTimeoutInSeconds { get; init; } = 30;

    public AzureStorageProviderOptions StorageProvider { get; init; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(StorageProvider, new ValidationContext(StorageProvider), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return new ValidationResult($"durableTask.storageProvider.{result.ErrorMessage}", [nameof(StorageProvider)]);
        }

        foreach (var error in StorageProvider.LeaseTimingErrors())
        {
            yield return new ValidationResult($"durableTask.storageProvider.{error}", [nameof(StorageProvider)]);
        }
    }
}
