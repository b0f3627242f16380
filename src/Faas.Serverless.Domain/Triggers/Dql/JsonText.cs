using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>
/// The unescaped characters of a JSON string, read without allocating a string: into caller stack space, or a
/// pooled array when the value is long. Dispose returns the array.
/// </summary>
internal ref struct JsonText
{
    /// <summary>Stack space callers provide; longer strings go to the pool.</summary>
    public const int StackChars = 128;

    private char[]? _rented;

    public JsonText(JsonElement stringElement, Span<char> scratch)
    {
        var raw = JsonMarshal.GetRawUtf8Value(stringElement);
        var reader = new Utf8JsonReader(raw);
        reader.Read();

        // Unescaping never yields more UTF-16 units than the raw value has UTF-8 bytes.
        var buffer = raw.Length <= scratch.Length ? scratch : (Span<char>)(_rented = ArrayPool<char>.Shared.Rent(raw.Length));
        Chars = buffer[..reader.CopyString(buffer)];
    }

    public ReadOnlySpan<char> Chars { get; }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<char>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
