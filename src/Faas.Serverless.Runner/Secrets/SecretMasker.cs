using System.Text;
using System.Text.Json;
using Faas.Serverless.Runner.Api;

namespace Faas.Serverless.Runner.Secrets;

/// <summary>
/// Replaces the service's secret values with <see cref="Mask"/> in whatever leaves the replica: execution logs, progress,
/// outputs, errors, replica reports and the agent's own log. Values shorter than <see cref="MinLength"/> are not masked:
/// every "1" or "on" of every log would go, and so short a value is no credential. A multi-line value is also masked
/// line by line, since logs arrive one line at a time.
/// </summary>
internal sealed class SecretMasker
{
    public const string Mask = "***";
    public const int MinLength = 4;

    // Longest first, so a value that contains another is masked whole.
    private volatile string[] _values = [];

    public bool IsActive => _values.Length > 0;

    /// <summary>Takes the values to mask; called once the agent has fetched them, before any worker starts.</summary>
    public void Use(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in secrets)
        {
            values.Add(secret);
            values.UnionWith(secret.Split('\n').Select(line => line.TrimEnd('\r')));
        }

        _values = [.. values.Where(value => value.Length >= MinLength).OrderByDescending(value => value.Length)];
    }

    public string? Apply(string? text)
    {
        var values = _values;
        if (text is null || values.Length == 0)
        {
            return text;
        }

        foreach (var value in values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    public ErrorInfo? Apply(ErrorInfo? error) =>
        error is null || !IsActive ? error : error with { Message = Apply(error.Message)!, Traceback = Apply(error.Traceback) };

    /// <summary>Masks string values and property names of a JSON document (decoded, so an escaped value is found too).</summary>
    public JsonElement Apply(JsonElement element)
    {
        if (!IsActive)
        {
            return element;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(element, writer);
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    public RunnerEvent Apply(RunnerEvent runnerEvent)
    {
        ArgumentNullException.ThrowIfNull(runnerEvent);
        return !IsActive ? runnerEvent : runnerEvent with
        {
            Status = Apply(runnerEvent.Status),
            Message = Apply(runnerEvent.Message),
            Output = runnerEvent.Output is { } output ? Apply(output) : null,
            Error = Apply(runnerEvent.Error),
        };
    }

    private void Write(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(Apply(property.Name)!);
                    Write(property.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(Apply(element.GetString()));
                break;
            case JsonValueKind.Number when Apply(element.GetRawText()) != element.GetRawText():
                writer.WriteStringValue(Mask);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
