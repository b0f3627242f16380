using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Faas.Serverless.Api.Tests.Infrastructure;

/// <summary>Builds codebase zips in memory and pushes them the way the README's curl does.</summary>
public static class Codebases
{
    public const string DefaultMain = """
        import faas


        class ServiceRunner(faas.BaseServiceRunner):
            def run(self, item):
                return {"id": item.id}
        """;

    public static byte[] Zip(params (string Path, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in files)
            {
                var entry = archive.CreateEntry(path);
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] DefaultZip(string marker = "") => Zip(("main.py", DefaultMain + marker));

    public static MultipartFormDataContent Push(object schema, byte[]? zip)
    {
        var content = new MultipartFormDataContent();
        var schemaPart = new StringContent(schema as string ?? JsonSerializer.Serialize(schema), Encoding.UTF8, "application/json");
        content.Add(schemaPart, "schema", "schema.json");
        if (zip is not null)
        {
            var zipPart = new ByteArrayContent(zip);
            zipPart.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            content.Add(zipPart, "codebase", "codebase.zip");
        }

        return content;
    }

    public static async Task<HttpResponseMessage> PushAsync(HttpClient client, string projectId, object schema, byte[]? zip) =>
        await client.PostAsync($"/api/v1/projects/{projectId}/packages", Push(schema, zip));

    public static object Schema(string name, string type = "Item") => new
    {
        name,
        modules = new[]
        {
            new
            {
                name = "default_module",
                entryPoint = "main.py",
                className = "ServiceRunner",
                functions = new[] { new { name = "run", input = new[] { new { name = "item", type } } } },
            },
        },
    };
}
