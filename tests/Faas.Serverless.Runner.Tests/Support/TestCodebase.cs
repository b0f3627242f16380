using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Faas.Serverless.Runner.Tests.Support;

/// <summary>Zips the test codebase (Support/Python/codebase) and builds a runner spec for it.</summary>
public static class TestCodebase
{
    public static byte[] Zip(IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(TestPaths.CodebaseDir))
            {
                zip.CreateEntryFromFile(file, Path.GetFileName(file));
            }

            foreach (var (name, content) in extraFiles ?? new Dictionary<string, string>())
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static JsonObject Spec(FakeHost host, byte[] zip, int concurrency = 2, int drainTime = 10, JsonObject? initParams = null, JsonObject? limits = null)
    {
        var sha = Sha256(zip);
        var spec = new JsonObject
        {
            ["projectId"] = host.ProjectId,
            ["serviceId"] = host.ServiceId,
            ["serviceName"] = "tests",
            ["version"] = 3,
            ["packageId"] = "pkg1",
            ["packageName"] = "runner-tests",
            ["packageRevision"] = 1,
            ["module"] = new JsonObject
            {
                ["name"] = "default_module",
                ["entryPoint"] = "main.py",
                ["className"] = "ServiceRunner",
                ["initInputs"] = new JsonArray(
                    new JsonObject { ["name"] = "fail_init", ["type"] = "Boolean" },
                    new JsonObject { ["name"] = "fail_if_exists", ["type"] = "String" }),
                ["functions"] = new JsonArray(
                    Function("echo", ("payload", "Json")),
                    Function("sleep", ("seconds", "Float")),
                    Function("fail"),
                    Function("crash"),
                    Function("report"),
                    Function("kill_self"),
                    Function("block", ("seconds", "Float"), ("marker", "String")),
                    Function("environ"),
                    Function("detach_child"),
                    Function("big_output", ("megabytes", "Float")),
                    Function("big_print", ("megabytes", "Float"))),
            },
            ["initParams"] = initParams ?? new JsonObject(),
            ["concurrency"] = concurrency,
            ["executionTimeout"] = 60,
            ["drainTime"] = drainTime,
            ["leaseSeconds"] = host.LeaseSeconds,
            ["codebase"] = new JsonObject { ["sha256"] = sha, ["sizeBytes"] = zip.Length, ["url"] = $"/codebase/{sha}" },
            ["bot"] = new JsonObject { ["id"] = "bot1", ["email"] = "bot-1@bots.faas.local" },
        };
        if (limits is not null)
        {
            spec["limits"] = limits;
        }

        return spec;
    }

    private static JsonObject Function(string name, params (string Name, string Type)[] inputs) => new()
    {
        ["name"] = name,
        ["input"] = new JsonArray([.. inputs.Select(i => (JsonNode)new JsonObject { ["name"] = i.Name, ["type"] = i.Type })]),
        ["output"] = new JsonArray(),
    };
}
