using System.Globalization;
using System.Text.Json;
using Faas.Serverless.Cli.Hosting;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Cli.Commands;

/// <summary>Log lines as they come: <c>time stream message</c> for people, one JSON object a line (NDJSON) for scripts.</summary>
internal static class LogPrinter
{
    private static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web);

    public static void Write(Session session, ExecutionLogLine line, string? executionId = null)
    {
        if (session.Print.IsJson)
        {
            var json = executionId is null ? JsonSerializer.Serialize(line, Compact) : JsonSerializer.Serialize(new { executionId, line }, Compact);
            session.Io.Out.WriteLine(json);
            return;
        }

        var prefix = executionId is null ? string.Empty : $"[{executionId[..Math.Min(8, executionId.Length)]}] ";
        var time = line.Timestamp.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        session.Io.Out.WriteLine($"{prefix}{time} {line.Stream,-7} {line.Message}");
    }

    /// <summary>Prints every line written so far and answers the cursor after the last.</summary>
    public static async Task<string?> WriteAllAsync(Session session, string executionId, string? cursor, string? prefix, CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await session.Client.GetExecutionLogsAsync(session.ProjectId, executionId, cursor, cancellationToken).ConfigureAwait(false);
            foreach (var line in page.Lines)
            {
                Write(session, line, prefix);
            }

            if (page.Lines.Count == 0 || page.Cursor is null || page.Cursor == cursor)
            {
                return page.Cursor ?? cursor;
            }

            cursor = page.Cursor;
        }
    }
}
