using System.Collections.ObjectModel;
using Faas.Serverless.AzureStorage.Tables;

namespace Faas.Serverless.AzureStorage;

/// <summary>
/// A table entity: keys plus a bag of typed properties. Values are string, int, long, double, bool,
/// DateTimeOffset, Guid or byte[]; a UTC DateTime is stored as a DateTimeOffset. Setting null removes a property.
/// Not thread-safe.
/// </summary>
public sealed class TableEntity
{
    private readonly Dictionary<string, object?> _properties;

    public TableEntity(string partitionKey, string rowKey)
        : this(TableKeys.Validate(partitionKey, nameof(partitionKey)), TableKeys.Validate(rowKey, nameof(rowKey)), [])
    {
    }

    private TableEntity(string partitionKey, string rowKey, Dictionary<string, object?> properties)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
        _properties = properties;
        Properties = new ReadOnlyDictionary<string, object?>(properties);
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    public string? ETag { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public IReadOnlyDictionary<string, object?> Properties { get; }

    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(ValidateName(name));
        set
        {
            ValidateName(name);
            if (value is null)
            {
                _properties.Remove(name);
            }
            else
            {
                _properties[name] = Normalize(name, value);
            }
        }
    }

    public string? GetString(string name) => GetReference<string>(name);

    public int? GetInt32(string name) => GetValue<int>(name);

    public long? GetInt64(string name) => this[name] is int value ? value : GetValue<long>(name);

    // The service may serialize an integral double as a JSON integer, which reads back as int or long.
    public double? GetDouble(string name) => this[name] switch
    {
        int value => value,
        long value => value,
        _ => GetValue<double>(name),
    };

    public bool? GetBoolean(string name) => GetValue<bool>(name);

    public DateTimeOffset? GetDateTimeOffset(string name) => GetValue<DateTimeOffset>(name);

    public Guid? GetGuid(string name) => GetValue<Guid>(name);

    public byte[]? GetBinary(string name) => GetReference<byte[]>(name);

    // Entities read from the service skip client-side key validation: the service has already accepted them.
    internal static TableEntity FromService(string partitionKey, string rowKey) => new(partitionKey, rowKey, []);

    internal void SetFromService(string name, object value) => _properties[name] = value;

    private T? GetValue<T>(string name)
        where T : struct => this[name] switch
        {
            null => null,
            T typed => typed,
            var other => throw TypeMismatch(name, other, typeof(T)),
        };

    private T? GetReference<T>(string name)
        where T : class => this[name] switch
        {
            null => null,
            T typed => typed,
            var other => throw TypeMismatch(name, other, typeof(T)),
        };

    private static InvalidOperationException TypeMismatch(string name, object value, Type requested) =>
        new($"Property '{name}' holds a {value.GetType().Name}, not a {requested.Name}.");

    private static string ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 255 || name is "PartitionKey" or "RowKey" or "Timestamp" || name.Contains('@', StringComparison.Ordinal)
            || name.StartsWith("odata.", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' cannot be used as a property name.", nameof(name));
        }

        return name;
    }

    private static object Normalize(string name, object value) => value switch
    {
        string or int or long or double or bool or DateTimeOffset or Guid or byte[] => value,
        DateTime { Kind: DateTimeKind.Utc } dateTime => new DateTimeOffset(dateTime),
        DateTime => throw new ArgumentException($"Property '{name}': a DateTime must be UTC (DateTimeKind.Utc).", nameof(value)),
        _ => throw new ArgumentException($"Property '{name}': values of type {value.GetType().Name} cannot be stored in a table.", nameof(value)),
    };
}
