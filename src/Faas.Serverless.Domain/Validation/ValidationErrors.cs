namespace Faas.Serverless.Domain.Validation;

/// <summary>
/// Field path (e.g. <c>modules[0].functions[1].input[2].type</c>) to messages, collected so that a client
/// sees every problem at once; <see cref="ToDictionary"/> has the shape of RFC 7807 ValidationProblem <c>errors</c>.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string path, string message)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(message);
        if (!_errors.TryGetValue(path, out var messages))
        {
            messages = [];
            _errors.Add(path, messages);
        }

        messages.Add(message);
    }

    public void AddAll(ValidationErrors other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (path, messages) in other._errors)
        {
            foreach (var message in messages)
            {
                Add(path, message);
            }
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

    public override string ToString() =>
        string.Join("; ", _errors.SelectMany(pair => pair.Value.Select(message => $"{pair.Key}: {message}")));
}
