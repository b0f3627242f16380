using System.Net;
using System.Security.Cryptography;
using System.Text;
using Faas.Serverless.Api.Tests.Infrastructure;

namespace Faas.Serverless.Api.Tests.Secrets;

/// <summary>A package whose functions read an environment variable and print, return and raise it.</summary>
public static class SecretPackage
{
    public const string Name = "secret-reader";

    private const string Main = """
        import hashlib
        import os
        
        import faas


        class ServiceRunner(faas.BaseServiceRunner):
            def reveal(self, name):
                value = os.environ.get(name)
                print(f"the secret is {value}")
                # Past the worker's capture, straight to its process's stderr, which the agent logs.
                os.write(2, f"on fd 2: {value}\n".encode("utf-8"))
                digest = hashlib.sha256(value.encode("utf-8")).hexdigest() if value is not None else None
                return {"present": value is not None, "sha256": digest, "raw": value, "nested": [{"again": value}]}

            def leak(self, name):
                raise RuntimeError(f"leaking {os.environ.get(name)}")
        """;

    private static readonly object Schema = new
    {
        name = Name,
        modules = new[]
        {
            new
            {
                name = "default_module",
                entryPoint = "main.py",
                className = "ServiceRunner",
                functions = new[]
                {
                    new { name = "reveal", input = new[] { new { name = "name", type = "String" } } },
                    new { name = "leak", input = new[] { new { name = "name", type = "String" } } },
                },
            },
        },
    };

    public static async Task PushAsync(HttpClient client, string projectId)
    {
        using var response = await Codebases.PushAsync(client, projectId, Schema, Codebases.Zip(("main.py", Main)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>A value no other test writes, long enough to be masked.</summary>
    public static string NewValue(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
