using System.Text.Json;
using Faas.Serverless.Api.Tests.EndToEnd;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Security;

/// <summary>
/// Attack 3 of issue 9: every replica ran as the host's user, so a function read another project's runner
/// <c>/proc/PID/environ</c> (its bot token), <c>.data/admin.key</c> and <c>local.settings.json</c>.
/// </summary>
[Collection("Azurite")]
public sealed class FileIsolationTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] ProcessFiles = ["environ", "cmdline"];
    private readonly string _checkout = Directory.CreateTempSubdirectory("faas-checkout-").FullName;
    private EndToEndFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new EndToEndFactory(azurite);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_checkout, recursive: true);
    }

    [IsolatedFact]
    public async Task Files_HostSecretsAndAnotherProjectsRunner_UnreadableFromAFunction()
    {
        var secrets = CreateCheckout();
        var victim = await Attacker.CreateAsync(_factory);
        var victimService = await victim.DeployAsync("victim", "victim");
        var victimPid = (await victim.ReplicaPidsAsync(victimService)).Single();
        var attacker = await Attacker.CreateAsync(_factory);
        var attackerService = await attacker.DeployAsync("attacker", "attacker");
        var victimHome = Directory.EnumerateDirectories(Path.Combine(_factory.RunnerDir, "replicas"), victimService + "*").Single();
        string[] targets =
        [
            $"/proc/{victimPid}/environ", $"/proc/{victimPid}/cmdline",
            "/proc/1/environ", "/proc/1/mem",
            .. secrets,
            Path.Combine(RepositoryRoot(), "host.json"),
            Path.Combine(victimHome, "codebase", "main.py"),
            Path.Combine(victimHome, "launch.json"),
        ];

        var reads = new Dictionary<string, JsonElement>();
        foreach (var target in targets)
        {
            reads[target] = await attacker.CallAsync(attackerService, "read", new { path = target });
        }

        var processes = await attacker.CallAsync(attackerService, "processes");
        foreach (var (target, read) in reads)
        {
            output.WriteLine($"{target}: {read}");
        }

        output.WriteLine($"processes visible to user code: {processes}");

        Assert.All(reads, read => Assert.False(read.Value.GetProperty("ok").GetBoolean(), $"{read.Key} was readable: {read.Value}"));
        Assert.NotEqual(0, processes.GetProperty("uid").GetInt32());
        Assert.All(processes.GetProperty("processes").EnumerateArray(), process =>
        {
            Assert.False(process.GetProperty("mem").GetProperty("ok").GetBoolean(), $"the memory of process {process.GetProperty("pid")} was readable");
            foreach (var part in ProcessFiles)
            {
                var text = process.GetProperty(part).ToString();
                Assert.DoesNotContain("faas_", text, StringComparison.Ordinal);
                Assert.DoesNotContain(FaasApiFactory.AdminKey, text, StringComparison.Ordinal);
                Assert.DoesNotContain("AccountKey", text, StringComparison.Ordinal);
            }
        });
        Assert.DoesNotContain(processes.GetProperty("processes").EnumerateArray(), process => process.GetProperty("cmdline").ToString().Contains(victimService, StringComparison.Ordinal));
    }

    /// <summary>
    /// A checkout as scripts/start.sh leaves it, modes included (local.settings.json is world-readable in a fresh
    /// clone): the sandbox must hide these files whatever their modes.
    /// </summary>
    private string[] CreateCheckout()
    {
        var data = Directory.CreateDirectory(Path.Combine(_checkout, ".data")).FullName;
        var storage = Directory.CreateDirectory(Path.Combine(_checkout, ".azurite")).FullName;
        var files = new[]
        {
            (Path.Combine(data, "admin.key"), FaasApiFactory.AdminKey, UnixFileMode.UserRead | UnixFileMode.UserWrite),
            (Path.Combine(_checkout, "local.settings.json"), azurite.ConnectionString, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead),
            (Path.Combine(storage, "__azurite_db_table__.json"), azurite.ConnectionString, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead),
        };
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_checkout, (UnixFileMode)0b111_101_101);
            foreach (var (path, content, mode) in files)
            {
                File.WriteAllText(path, content);
                File.SetUnixFileMode(path, mode);
            }
        }

        return [.. files.Select(file => file.Item1)];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Faas.Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Faas.Serverless.sln above the test assembly.");
    }
}
