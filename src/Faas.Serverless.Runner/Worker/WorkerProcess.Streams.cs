using System.Text.Json;
using Faas.Serverless.Runner.Api;

namespace Faas.Serverless.Runner.Worker;

/// <summary>The reader loops: stdout lines to the handler, stderr lines to the log and the tail kept for crash reports.</summary>
internal sealed partial class WorkerProcess
{
    private async Task ReadStdoutAsync()
    {
        await Task.Yield();
        var reader = new BoundedLineReader(_process.StandardOutput.BaseStream, _maxLineBytes);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.TooLong)
            {
                var reason = $"the worker wrote a stdout line of {line.Length} bytes, more than the {_maxLineBytes} the agent reads";
                LogBadLine(_logger, Preview(line.Bytes.Span), reason);
                Dispatch(null, reason);
                continue;
            }

            if (line.Bytes.IsEmpty)
            {
                continue;
            }

            WorkerMessage? message;
            try
            {
                message = JsonSerializer.Deserialize(line.Bytes.Span, RunnerJson.Default.WorkerMessage);
            }
            catch (JsonException ex)
            {
                LogBadLine(_logger, Preview(line.Bytes.Span), ex.Message);
                continue;
            }

            if (message is null || message.Type.Length == 0)
            {
                LogBadLine(_logger, Preview(line.Bytes.Span), "no message type");
                continue;
            }

            Dispatch(message, null);
        }
    }

    private void Dispatch(WorkerMessage? message, string? violation)
    {
        try
        {
            if (message is not null)
            {
                _handler.OnMessage(message);
            }
            else
            {
                _handler.OnProtocolViolation(violation!);
            }
        }
#pragma warning disable CA1031 // The reader loop must survive a handler bug; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogHandlerFailed(_logger, ex, message?.Type ?? "protocol violation");
        }
    }

    private async Task ReadStderrAsync()
    {
        await Task.Yield();
        var reader = new BoundedLineReader(_process.StandardError.BaseStream, MaxStderrLineBytes);
        while (await reader.ReadLineAsync() is { } read)
        {
            var line = Utf8NoBom.GetString(read.Bytes.Span) + (read.TooLong ? "…" : string.Empty);
            lock (_stderrTail)
            {
                _stderrTail.Enqueue(line);
                while (_stderrTail.Count > StderrTailLines)
                {
                    _stderrTail.Dequeue();
                }
            }

            LogStderr(_logger, Pid, line);
        }
    }

    private static string Preview(ReadOnlySpan<byte> bytes) =>
        bytes.Length > 500 ? Utf8NoBom.GetString(bytes[..500]) + "…" : Utf8NoBom.GetString(bytes);
}
