using Faas.Serverless.AzureStorage;

namespace Faas.Serverless.Stores;

/// <summary>
/// Splits text over several string properties, since one table property holds at most 32K UTF-16 characters
/// while an entity may hold 1 MiB.
/// </summary>
internal static class LargeText
{
    private const int ChunkLength = 30_000;
    private const int MaxChunks = 15;

    public static void Write(TableEntity entity, string name, string text)
    {
        var chunks = (text.Length + ChunkLength - 1) / ChunkLength;
        if (chunks > MaxChunks)
        {
            throw new ArgumentException($"{name} is {text.Length} characters; at most {ChunkLength * MaxChunks} fit in one entity.", nameof(text));
        }

        entity[name + "Chunks"] = Math.Max(chunks, 1);
        for (var i = 0; i < Math.Max(chunks, 1); i++)
        {
            entity[ChunkName(name, i)] = text.Substring(i * ChunkLength, Math.Min(ChunkLength, text.Length - (i * ChunkLength)));
        }
    }

    public static string Read(TableEntity entity, string name)
    {
        var chunks = entity.GetInt32(name + "Chunks") ?? 1;
        return string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString(ChunkName(name, i))));
    }

    private static string ChunkName(string name, int index) => index == 0 ? name : $"{name}{index}";
}
