using System.IO.Compression;
using System.Text;

namespace Faas.Serverless.Client.Tests.Infrastructure;

/// <summary>A real Python package, built in memory: <c>greet</c> prints a line per step and returns a greeting; <c>tag</c> takes an event's item.</summary>
public static class Packages
{
    public const string Main = """
        import time

        import faas


        class ServiceRunner(faas.BaseServiceRunner):
            def greet(self, name: str):
                for step in range(3):
                    print(f"step {step} for {name}", flush=True)
                    time.sleep(0.2)
                return {"greeting": f"Hello {name}"}

            def tag(self, item):
                return {"id": item.id}
        """;

    public static string Schema(string name) => $$"""
        {
          "name": "{{name}}",
          "modules": [
            {
              "name": "default_module",
              "entryPoint": "main.py",
              "className": "ServiceRunner",
              "functions": [
                { "name": "greet", "input": [{ "name": "name", "type": "String" }] },
                { "name": "tag", "input": [{ "name": "item", "type": "Item" }] }
              ]
            }
          ]
        }
        """;

    public static MemoryStream Zip(string main = Main)
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            // A fixed timestamp makes equal content an equal zip, which is what the API compares on a push.
            var entry = archive.CreateEntry("main.py");
            entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
            writer.Write(main);
        }

        buffer.Position = 0;
        return buffer;
    }
}
