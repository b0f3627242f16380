using System.Text.Json;
using Faas.Serverless.Orchestrations.Engine;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Api.Endpoints;

internal static partial class ExecutionEndpoints
{
    private const int LogPageSize = 500;

    /// <summary>
    /// A page of captured output, or with <c>follow=true</c> a stream of JSON lines (application/x-ndjson) that
    /// ends once the execution has finished and every line was sent.
    /// </summary>
    private static async Task<IResult> GetLogsAsync(
        string executionId, string? cursor, bool? follow, HttpContext http, ExecutionEngine engine, IExecutionStore store, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await FindAsync(http, executionId, engine, cancellationToken) is null)
        {
            return NotFound(executionId);
        }

        if (follow != true)
        {
            var (lines, next) = await store.ReadLogsAsync(executionId, cursor, LogPageSize, cancellationToken);
            return TypedResults.Ok(new LogsResponse(lines, next));
        }

        http.Response.ContentType = "application/x-ndjson";
        var idle = TimeSpan.FromMilliseconds(250);
        while (!cancellationToken.IsCancellationRequested)
        {
            var finished = (await engine.GetAsync(executionId, cancellationToken))?.State.IsFinal ?? true;
            var (lines, next) = await store.ReadLogsAsync(executionId, cursor, LogPageSize, cancellationToken);
            foreach (var line in lines)
            {
                await http.Response.WriteAsync(JsonSerializer.Serialize(line, json.Value.SerializerOptions) + "\n", cancellationToken);
            }

            await http.Response.Body.FlushAsync(cancellationToken);
            cursor = next;
            if (lines.Count == 0 && finished)
            {
                break;
            }

            if (lines.Count < LogPageSize)
            {
                await Task.Delay(idle, cancellationToken);
            }
        }

        return TypedResults.Empty;
    }
}
