namespace Faas.Serverless.Api.Tests.Security;

/// <summary>
/// A test of the replica sandbox: it needs what CI has (root, bubblewrap and setpriv) and is skipped, saying why,
/// on a machine without them (a developer's laptop), where the host runs replicas with isolation "none".
/// </summary>
public sealed class IsolatedFactAttribute : FactAttribute
{
    private static readonly string[] Tools = ["bwrap", "setpriv"];

    public IsolatedFactAttribute()
    {
        if (MissingIsolation() is { } reason)
        {
            Skip = $"Replica isolation is not available here ({reason}); CI runs these tests as root with bubblewrap.";
        }
    }

    private static string? MissingIsolation()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "the tests do not run as root on Linux";
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Concat(["/usr/bin", "/bin"]);
        return Tools.FirstOrDefault(tool => !path.Any(dir => File.Exists(Path.Combine(dir, tool)))) is { } missing
            ? $"{missing} is not installed"
            : null;
    }
}
