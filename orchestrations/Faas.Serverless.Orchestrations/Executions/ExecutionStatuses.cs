using System.Collections.Frozen;

namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>Wire names, tolerant parsing and finality of <see cref="ExecutionStatus"/>.</summary>
public static class ExecutionStatuses
{
    // Keys are compared after dropping separators, so "in-progress", "in_progress", "inProgress" and
    // "In Progress" all match; "completed" and "succeeded" are the spellings runners and SDKs use for success.
    private static readonly FrozenDictionary<string, ExecutionStatus> _byCompactName =
        new Dictionary<string, ExecutionStatus>(StringComparer.OrdinalIgnoreCase)
        {
            ["created"] = ExecutionStatus.Created,
            ["inprogress"] = ExecutionStatus.InProgress,
            ["success"] = ExecutionStatus.Success,
            ["succeeded"] = ExecutionStatus.Success,
            ["completed"] = ExecutionStatus.Success,
            ["failed"] = ExecutionStatus.Failed,
            ["terminated"] = ExecutionStatus.Terminated,
            ["aborted"] = ExecutionStatus.Aborted,
            ["systemfailure"] = ExecutionStatus.SystemFailure,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static string ToWireName(this ExecutionStatus status) => status switch
    {
        ExecutionStatus.Created => "created",
        ExecutionStatus.InProgress => "in-progress",
        ExecutionStatus.Success => "success",
        ExecutionStatus.Failed => "failed",
        ExecutionStatus.Terminated => "terminated",
        ExecutionStatus.Aborted => "aborted",
        ExecutionStatus.SystemFailure => "system-failure",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown execution status."),
    };

    /// <summary>True for the statuses an execution never leaves except by a rerun.</summary>
    public static bool IsFinal(this ExecutionStatus status) => status is ExecutionStatus.Success
        or ExecutionStatus.Failed or ExecutionStatus.Terminated or ExecutionStatus.Aborted or ExecutionStatus.SystemFailure;

    /// <summary>Parses a wire name or a tolerated spelling, case-insensitively.</summary>
    public static bool TryParse(string? value, out ExecutionStatus status)
    {
        status = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var compact = string.Concat(value.Where(c => c is not ('-' or '_' or ' ')));
        return _byCompactName.TryGetValue(compact, out status);
    }

    /// <exception cref="FormatException"><paramref name="value"/> is not a status.</exception>
    public static ExecutionStatus Parse(string value) =>
        TryParse(value, out var status) ? status : throw new FormatException($"'{value}' is not an execution status.");
}
