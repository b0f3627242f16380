using System.Globalization;
using System.Text.Json;

namespace Faas.Serverless.AzureStorage.Tables;

/// <summary>
/// Entity JSON in the OData minimal-metadata format: types JSON cannot express (Int64, DateTime, Guid, Binary)
/// travel as strings with an <c>@odata.type</c> annotation, which the service stores and echoes back.
/// </summary>
internal static class TableEntityJson
{
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static byte[] Serialize(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, entity);
        }

        return buffer.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString("PartitionKey", entity.PartitionKey);
        writer.WriteString("RowKey", entity.RowKey);
        foreach (var (name, value) in entity.Properties)
        {
            WriteProperty(writer, name, value!);
        }

        writer.WriteEndObject();
    }

    public static TableEntity Read(JsonElement json)
    {
        var entity = TableEntity.FromService(
            json.TryGetProperty("PartitionKey", out var partitionKey) ? partitionKey.GetString() ?? string.Empty : string.Empty,
            json.TryGetProperty("RowKey", out var rowKey) ? rowKey.GetString() ?? string.Empty : string.Empty);
        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name == "odata.etag")
            {
                entity.ETag = property.Value.GetString();
            }
            else if (name == "Timestamp")
            {
                entity.Timestamp = ParseDateTime(property.Value.GetString()!);
            }
            else if (name is not ("PartitionKey" or "RowKey") && !name.StartsWith("odata.", StringComparison.Ordinal) && !name.Contains('@', StringComparison.Ordinal))
            {
                var type = json.TryGetProperty(name + "@odata.type", out var annotation) ? annotation.GetString() : null;
                entity.SetFromService(name, ReadValue(property.Value, type));
            }
        }

        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteString(name, text);
                break;
            case bool flag:
                writer.WriteBoolean(name, flag);
                break;
            case int number:
                writer.WriteNumber(name, number);
                break;
            case long number:
                Annotate(writer, name, "Edm.Int64");
                writer.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                break;
            case double number:
                // Annotated so that an integral value such as 2.0 stays a double instead of becoming an Int32.
                Annotate(writer, name, "Edm.Double");
                if (double.IsFinite(number))
                {
                    writer.WriteNumber(name, number);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
                }

                break;
            case DateTimeOffset moment:
                Annotate(writer, name, "Edm.DateTime");
                writer.WriteString(name, FormatDateTime(moment));
                break;
            case Guid guid:
                Annotate(writer, name, "Edm.Guid");
                writer.WriteString(name, guid.ToString("D"));
                break;
            case byte[] bytes:
                Annotate(writer, name, "Edm.Binary");
                writer.WriteBase64String(name, bytes);
                break;
            default:
                throw new InvalidOperationException($"Property '{name}' has unsupported type {value.GetType().Name}.");
        }
    }

    internal static string FormatDateTime(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    private static void Annotate(Utf8JsonWriter writer, string name, string type) => writer.WriteString(name + "@odata.type", type);

    private static object ReadValue(JsonElement value, string? type) => type switch
    {
        "Edm.Int64" => long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
        "Edm.DateTime" => ParseDateTime(value.GetString()!),
        "Edm.Guid" => Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Binary" => value.GetBytesFromBase64(),
        "Edm.Double" => ReadDouble(value),
        "Edm.Int32" => value.GetInt32(),
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when IsIntegerLiteral(value) && value.TryGetInt32(out var number) => number,
            JsonValueKind.Number when IsIntegerLiteral(value) && value.TryGetInt64(out var number) => number,
            JsonValueKind.Number => value.GetDouble(),
            _ => throw new FormatException($"Unexpected JSON {value.ValueKind} in a table entity."),
        },
    };

    private static bool IsIntegerLiteral(JsonElement value) => value.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    private static double ReadDouble(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : value.GetDouble();

    private static DateTimeOffset ParseDateTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
