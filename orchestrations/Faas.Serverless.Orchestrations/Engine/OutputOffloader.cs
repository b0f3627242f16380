using System.Text.Json;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>
/// Applies the output limits to a runner's success reports before the orchestration sees them: an output above
/// <see cref="ExecutionLimitOptions.MaxOutputBytes"/> fails the attempt with <c>OutputTooLarge</c> (a runner may
/// not enforce it), and one above <see cref="ExecutionLimitOptions.InlineBytes"/> is stored as a payload so that
/// the instance row and history hold only its name.
/// </summary>
internal sealed class OutputOffloader(IExecutionPayloadStore payloads, ExecutionLimitOptions limits)
{
    public const string TooLargeType = "OutputTooLarge";

    public async Task<IReadOnlyList<ExecutionEvent>> ApplyAsync(string executionId, IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken)
    {
        if (!events.Any(e => e is AttemptSucceeded { Output: not null }))
        {
            return events;
        }

        var result = new List<ExecutionEvent>(events.Count);
        foreach (var evt in events)
        {
            result.Add(evt is AttemptSucceeded { Output: { } output } succeeded ? await LimitAsync(executionId, succeeded, output, cancellationToken) : evt);
        }

        return result;
    }

    private async Task<ExecutionEvent> LimitAsync(string executionId, AttemptSucceeded succeeded, JsonElement output, CancellationToken cancellationToken)
    {
        // One serialized copy: measured, and uploaded as it is.
        var json = JsonSerializer.SerializeToUtf8Bytes(output);
        if (json.Length > limits.MaxOutputBytes)
        {
            var error = new ErrorInfo(TooLargeType, $"The output is {json.Length} bytes of JSON; this host keeps at most {limits.MaxOutputBytes} (extensions.faas.executions.limits.maxOutputBytes).", null);
            return new AttemptFailed(succeeded.EventId, succeeded.Attempt, error, Terminated: false);
        }

        if (json.Length <= ExecutionLimitOptions.InlineBytes)
        {
            return succeeded;
        }

        var name = PayloadNames.Output(succeeded.Attempt);
        await payloads.WriteAsync(executionId, name, json, cancellationToken);
        return succeeded with { Output = null, OutputBlob = name };
    }
}
