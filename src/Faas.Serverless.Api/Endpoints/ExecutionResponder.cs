using System.Text.Json;
using Faas.Serverless.Orchestrations.Engine;

namespace Faas.Serverless.Api.Endpoints;

/// <summary>Builds an execution's response: its history, and its large input and output read back from their payloads.</summary>
internal sealed class ExecutionResponder(IExecutionStore store, IExecutionPayloadStore payloads, TimeProvider clock)
{
    public async Task<ExecutionResponse> RespondAsync(ExecutionRecord record, CancellationToken cancellationToken = default)
    {
        var (info, state) = (record.Info, record.State);
        if (info.InputBlob is { } input)
        {
            info = info with { Input = await payloads.ReadAsync<Dictionary<string, JsonElement>>(info.Id, input, cancellationToken) };
        }

        if (state.OutputBlob is { } output)
        {
            state = state with { Output = await payloads.ReadAsync<JsonElement>(info.Id, output, cancellationToken) };
        }

        return ExecutionResponse.From(record with { Info = info, State = state }, await store.GetHistoryAsync(info.Id, cancellationToken), clock.GetUtcNow());
    }
}
