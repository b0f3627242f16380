using System.Diagnostics;

namespace Faas.Serverless.Supervisor.Isolation;

/// <summary>
/// The isolation this host gives its replicas, decided once at start-up from the settings and the machine:
/// bubblewrap where it works, a uid per replica where the host is root (setpriv drops its privileges), else none.
/// </summary>
internal sealed class ReplicaIsolation
{
    private ReplicaIsolation(ReplicaSandbox sandbox, RuntimePaths runtime, string? reason)
    {
        Sandbox = sandbox;
        Runtime = runtime;
        Reason = reason;
    }

    public IsolationLevel Level => Sandbox.Level;

    public ReplicaSandbox Sandbox { get; }

    public RuntimePaths Runtime { get; }

    /// <summary>Why the level is below bubblewrap+uid, for the start-up log; null when it is not.</summary>
    public string? Reason { get; }

    public static ReplicaIsolation Detect(RunnerOptions runners, IsolationOptions options)
    {
        var runtime = RuntimeResolver.Resolve(runners);
        if (options.Mode == IsolationMode.None)
        {
            return new(new ReplicaSandbox(IsolationLevel.None, new SandboxTools(null, null, []), runtime, options), runtime, "isolation.mode is 'none'");
        }

        var path = Environment.GetEnvironmentVariable("PATH");
        var root = Posix.IsRoot;
        var setpriv = root ? SandboxTools.FindOnPath("setpriv", path) : null;
        var bwrap = SandboxTools.FindOnPath("bwrap", path) is { } found && Works(found) ? found : null;
        var tools = new SandboxTools(bwrap, setpriv, bwrap is null ? [] : SandboxTools.DescribeSystem());
        var (level, reason) = (root, setpriv, bwrap) switch
        {
            (true, not null, not null) => (IsolationLevel.BubblewrapUid, null),
            (true, not null, null) => (IsolationLevel.Uid, "bubblewrap (bwrap) is not installed or does not work here"),
            (true, null, _) => (IsolationLevel.None, "the host runs as root but util-linux setpriv is missing, so replicas cannot drop to a uid of their own"),
            (false, _, not null) => (IsolationLevel.Bubblewrap, "the host is not root, so replicas share its uid"),
            (false, _, null) => (IsolationLevel.None, "the host is not root and bubblewrap (bwrap) is not installed or does not work here"),
        };
        if (level == IsolationLevel.Uid)
        {
            RequireReadableByOthers(runtime);
        }

        return new(new ReplicaSandbox(level, tools, runtime, options), runtime, reason);
    }

    /// <summary>Without bubblewrap a replica's uid sees the host's files as "others": the runtime must be readable to it.</summary>
    private static void RequireReadableByOthers(RuntimePaths runtime)
    {
        var closed = runtime.ReadOnlyFolders().Where(folder => !OthersCanEnter(folder)).ToList();
        if (closed.Count > 0)
        {
            throw new InvalidOperationException(
                $"Replicas run as their own uid, which cannot read {string.Join(", ", closed)} (a parent folder is closed to other users). "
                + "Install bubblewrap (apt-get install bubblewrap), move them to a readable place, or set extensions.faas.runners.isolation.mode to 'none'.");
        }
    }

    private static bool OthersCanEnter(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            if ((dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>bwrap may be installed but refused (no unprivileged user namespaces, a seccomp profile): try it once.</summary>
    private static bool Works(string bwrap)
    {
        var startInfo = new ProcessStartInfo(bwrap) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--ro-bind", "/", "/", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--as-pid-1", "--proc", "/proc", "--dev", "/dev", "--", "true" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(startInfo)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            return process.WaitForExit(TimeSpan.FromSeconds(10)) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
