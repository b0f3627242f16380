using System.Globalization;

namespace Faas.Serverless.Supervisor.Isolation;

/// <summary>
/// Builds a replica's command line and environment for an isolation level: <c>bwrap … -- setpriv … -- dotnet
/// faas-runner.dll …</c> at most, plain <c>dotnet faas-runner.dll …</c> at least; the environment always from scratch.
/// Pure: everything it needs about this machine is given, so its output can be asserted exactly.
/// </summary>
internal sealed class ReplicaSandbox(IsolationLevel level, SandboxTools tools, RuntimePaths runtime, IsolationOptions options)
{
    public const string SandboxPath = "/usr/local/bin:/usr/bin:/bin";

    /// <summary>Host variables a replica may see, when they are set: locale and time zone only.</summary>
    private static readonly string[] HostLocale = ["LANG", "LC_ALL", "TZ"];

    public IsolationLevel Level => level;

    public SandboxCommandLine Build(ReplicaLayout layout, int? uid, IReadOnlyList<string> agentArguments, Func<string, string?> hostEnvironment)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(agentArguments);
        if (level.UsesUid() && uid is null)
        {
            throw new ArgumentException($"Isolation level {level} needs a uid for the replica.", nameof(uid));
        }

        var command = new List<string>();
        if (runtime.AgentIsDll)
        {
            command.AddRange([runtime.Dotnet, runtime.Agent]);
        }
        else
        {
            command.Add(runtime.Agent);
        }

        command.AddRange(agentArguments);
        if (level.UsesUid())
        {
            command.InsertRange(0, SetprivArguments(uid!.Value));
        }

        if (level.UsesBubblewrap())
        {
            command.InsertRange(0, BubblewrapArguments(layout));
        }

        return new SandboxCommandLine(command[0], command[1..], Environment(layout, hostEnvironment), level.UsesBubblewrap());
    }

    /// <summary>The agent's environment: its private HOME/TMPDIR, a fixed PATH, what .NET and Python need, nothing of the host's.</summary>
    public IReadOnlyDictionary<string, string> Environment(ReplicaLayout layout, Func<string, string?> hostEnvironment)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(hostEnvironment);
        var pythonBin = Path.GetDirectoryName(runtime.Python);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = string.IsNullOrEmpty(pythonBin) || SandboxPath.Split(':').Contains(pythonBin) ? SandboxPath : $"{pythonBin}:{SandboxPath}",
            ["HOME"] = layout.Home,
            ["TMPDIR"] = layout.Tmp,
            ["DOTNET_ROOT"] = runtime.DotnetRoot,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",

            // No diagnostics IPC socket, debugger or profiler attach: nothing in a replica may inspect the agent.
            ["DOTNET_EnableDiagnostics"] = "0",

            ["FAAS_RUNNER_RUNTIME_LABEL"] = $"local process, isolation {level.ToWireName()}",
        };
        foreach (var name in HostLocale)
        {
            if (hostEnvironment(name) is { Length: > 0 } value)
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    private List<string> SetprivArguments(int uid)
    {
        var id = uid.ToString(CultureInfo.InvariantCulture);
        return [tools.Setpriv ?? throw new InvalidOperationException("setpriv is not available."), "--reuid", id, "--regid", id, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"];
    }

    /// <remarks>
    /// No <c>--die-with-parent</c>: replicas of a host killed with SIGKILL must finish and report their running
    /// calls (they notice through their stdin pipe). <c>--as-pid-1</c> makes the agent the namespace's init, so a
    /// kill of the agent takes every process in its sandbox with it. The status line on stderr gives the host the
    /// agent's pid as the host sees it.
    /// </remarks>
    private List<string> BubblewrapArguments(ReplicaLayout layout)
    {
        var arguments = new List<string>
        {
            tools.Bwrap ?? throw new InvalidOperationException("bubblewrap is not available."),
            "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--hostname", "faas-replica", "--as-pid-1", "--new-session",
            "--json-status-fd", "2",
            "--proc", "/proc", "--dev", "/dev", "--perms", "01777", "--tmpfs", "/tmp",
        };
        arguments.AddRange(tools.SystemArguments);
        var binds = runtime.ReadOnlyFolders().Where(folder => !RuntimePaths.IsUnder(folder, "/usr")).Select(folder => ("--ro-bind", folder))
            .Append(("--ro-bind", layout.Codebase)).Append(("--bind", layout.Home)).Append(("--bind", layout.Tmp)).Append(("--bind", layout.Spool))
            .Concat(options.SharedPaths.Select(shared => ("--bind", Path.GetFullPath(shared))))
            .ToList();

        // bubblewrap (as root) creates missing parents of a bind 0700, closed to the replica's uid: create them 0755 first.
        foreach (var parent in binds.SelectMany(bind => Parents(bind.Item2)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            arguments.AddRange(["--dir", parent]);
        }

        foreach (var (kind, path) in binds)
        {
            arguments.AddRange([kind, path, path]);
        }

        arguments.AddRange(["--chdir", layout.Home, "--"]);
        return arguments;
    }

    /// <summary>The folders above <paramref name="path"/> that the sandbox does not have already.</summary>
    private static IEnumerable<string> Parents(string path)
    {
        for (var parent = Path.GetDirectoryName(path); parent is { Length: > 1 }; parent = Path.GetDirectoryName(parent))
        {
            if (parent is not ("/tmp" or "/usr" or "/proc" or "/dev") && !RuntimePaths.IsUnder(parent, "/usr"))
            {
                yield return parent;
            }
        }
    }
}
