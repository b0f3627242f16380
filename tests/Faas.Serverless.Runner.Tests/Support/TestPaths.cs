namespace Faas.Serverless.Runner.Tests.Support;

/// <summary>Where the test's Python files and the real SDK are.</summary>
public static class TestPaths
{
    public static string PythonDir { get; } = Path.Combine(AppContext.BaseDirectory, "Support", "Python");

    public static string StandInSdk { get; } = Path.Combine(PythonDir, "standin_sdk");

    public static string CodebaseDir { get; } = Path.Combine(PythonDir, "codebase");

    /// <summary>The repository's sdk/python (found by walking up to Faas.Serverless.sln), whether or not it exists yet.</summary>
    public static string RealSdk { get; } = FindRealSdk();

    /// <summary>
    /// The runner as the supervisor starts it: its own build output (the copy in this test folder lacks the
    /// runner's dependencies, which the test's ASP.NET Core framework reference provides in-process instead).
    /// </summary>
    public static string AgentDll { get; } = Path.Combine(
        Path.GetDirectoryName(Path.GetDirectoryName(RealSdk))!, "src", "Faas.Serverless.Runner", "bin", Configuration, "net10.0", "faas-runner.dll");

    public static bool RealSdkExists => File.Exists(Path.Combine(RealSdk, "faas", "worker.py"));

    public static string SdkFor(WorkerKind kind) => kind == WorkerKind.RealSdk ? RealSdk : StandInSdk;

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static string FindRealSdk()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Faas.Serverless.sln")))
            {
                return Path.Combine(dir.FullName, "sdk", "python");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "no-repo", "sdk", "python");
    }
}

public enum WorkerKind
{
    /// <summary>The tests' own minimal worker (Support/Python/standin_sdk).</summary>
    StandIn,

    /// <summary>The repository's Python SDK (sdk/python).</summary>
    RealSdk,
}

/// <summary>A fact that is skipped while the repository's Python SDK is absent.</summary>
public sealed class RealSdkFactAttribute : FactAttribute
{
    public RealSdkFactAttribute()
    {
        if (!TestPaths.RealSdkExists)
        {
            Skip = $"The Python SDK is not at {TestPaths.RealSdk} yet.";
        }
    }
}
