using System.Globalization;

namespace Faas.Serverless.Runner.Worker;

/// <summary>
/// A worker's whole environment, built from nothing: user code sees exactly these variables (docs/worker-protocol.md),
/// never the host's, the agent's token or a connection string.
/// </summary>
internal static class WorkerEnvironment
{
    /// <summary>PATH's fixed part; the interpreter's own folder goes first.</summary>
    public const string SafePath = "/usr/local/bin:/usr/bin:/bin";

    /// <summary>Taken from the agent when it has them: the supervisor gives each replica a private HOME and TMPDIR.</summary>
    private static readonly string[] Inherited = ["HOME", "TMPDIR", "LANG", "LC_ALL", "TZ"];

    /// <param name="agentEnvironment">The agent's own environment (a seam for tests).</param>
    /// <param name="secrets">The service's secrets, by name; none may replace a variable above (the host refuses such names too).</param>
    public static Dictionary<string, string> Build(WorkerStartInfo info, WorkerIdentity identity, Func<string, string?> agentEnvironment, IReadOnlyDictionary<string, string>? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(agentEnvironment);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = WithInterpreterFolder(info.Python, agentEnvironment("PATH")),
            ["PYTHONPATH"] = info.SdkDir + Path.PathSeparator + info.CodebaseDir,
            ["PYTHONUNBUFFERED"] = "1",
            ["PYTHONIOENCODING"] = "utf-8",
            ["PYTHONDONTWRITEBYTECODE"] = "1",
            ["PYTHONNOUSERSITE"] = "1",
            ["FAAS_PROJECT_ID"] = identity.ProjectId,
            ["FAAS_SERVICE_ID"] = identity.ServiceId,
            ["FAAS_SERVICE_VERSION"] = identity.ServiceVersion.ToString(CultureInfo.InvariantCulture),
            ["FAAS_REPLICA_ID"] = identity.ReplicaId,
            ["FAAS_WORKER_SLOT"] = identity.Slot.ToString(CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(identity.ServiceName))
        {
            environment["FAAS_SERVICE_NAME"] = identity.ServiceName;
        }

        foreach (var name in Inherited)
        {
            if (agentEnvironment(name) is { Length: > 0 } value)
            {
                environment[name] = value;
            }
        }

        foreach (var (name, value) in secrets ?? new Dictionary<string, string>())
        {
            environment.TryAdd(name, value);
        }

        return environment;
    }

    /// <summary>The safe PATH with the folder of <paramref name="python"/> first, found on the agent's PATH when it is a bare name.</summary>
    private static string WithInterpreterFolder(string python, string? agentPath)
    {
        var folder = python.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.GetDirectoryName(Path.GetFullPath(python))
            : (agentPath ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .FirstOrDefault(dir => Path.IsPathRooted(dir) && File.Exists(Path.Combine(dir, python)));
        var safe = SafePath.Split(Path.PathSeparator);
        return string.IsNullOrEmpty(folder) || safe.Contains(folder, StringComparer.Ordinal)
            ? SafePath
            : folder + Path.PathSeparator + SafePath;
    }
}

/// <summary>Which replica and slot a worker serves; exported to user code as FAAS_* variables.</summary>
internal sealed record WorkerIdentity(string ProjectId, string ServiceId, string? ServiceName, int ServiceVersion, string ReplicaId, int Slot);
