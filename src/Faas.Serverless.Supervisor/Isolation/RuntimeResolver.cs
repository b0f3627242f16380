using System.Diagnostics;

namespace Faas.Serverless.Supervisor.Isolation;

/// <summary>Finds the real dotnet, agent, SDK and Python a replica runs, once, at start-up.</summary>
internal static class RuntimeResolver
{
    private const string PythonProbe = "import sys; print(sys.executable); print(sys.prefix); print(sys.base_prefix)";

    public static RuntimePaths Resolve(RunnerOptions options)
    {
        var agent = Path.GetFullPath(AgentLocator.Find(options.AgentPath));
        var dotnet = RealPath(DotnetExecutable());
        var sdk = options.SdkDir is { Length: > 0 } configured ? Path.GetFullPath(configured) : FindRepositorySdk(agent)
            ?? throw new InvalidOperationException($"Cannot find the Python SDK beside the runner agent ({agent}): set Faas:Runners:SdkDir to the folder that holds faas/.");
        if (!Directory.Exists(Path.Combine(sdk, "faas")))
        {
            throw new InvalidOperationException($"Faas:Runners:SdkDir '{sdk}' has no faas/ package.");
        }

        var (python, roots) = ResolvePython(options.Python);
        CompileSdk(python, sdk);
        return new RuntimePaths(dotnet, Path.GetDirectoryName(dotnet)!, agent, sdk, python, roots);
    }

    /// <summary>The dotnet running this host when it runs as <c>dotnet host.dll</c>, else the one on PATH.</summary>
    private static string DotnetExecutable()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }

        return SandboxTools.FindOnPath("dotnet", Environment.GetEnvironmentVariable("PATH"))
            ?? throw new InvalidOperationException("Cannot find 'dotnet' to run the runner agent: put it on PATH or set DOTNET_ROOT.");
    }

    /// <summary>Asks the configured interpreter (a pyenv shim, a venv's python, …) where it really is.</summary>
    private static (string Python, IReadOnlyList<string> Roots) ResolvePython(string configured)
    {
        var startInfo = new ProcessStartInfo(configured) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(PythonProbe);
        try
        {
            using var process = Process.Start(startInfo)!;
            var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)) || process.ExitCode != 0 || lines.Length < 3)
            {
                throw new InvalidOperationException($"Faas:Runners:Python '{configured}' did not run: exit code {(process.HasExited ? process.ExitCode : -1)}.");
            }

            return (RealPath(lines[0]), [.. lines[1..3].Select(RealPath).Distinct(StringComparer.Ordinal)]);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Faas:Runners:Python '{configured}' cannot be started: {ex.Message}. Install Python 3 or set Faas:Runners:Python.", ex);
        }
    }

    /// <summary>
    /// Replicas read the SDK but cannot write its bytecode cache: without one, each cold start would compile it
    /// again (about 0.3 s). Best effort: an SDK the host cannot write only costs that time.
    /// </summary>
    private static void CompileSdk(string python, string sdk)
    {
        var startInfo = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-m", "compileall", "-q", Path.Combine(sdk, "faas") })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit(TimeSpan.FromSeconds(60));
    }

    private static string? FindRepositorySdk(string agent)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(agent)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Faas.Serverless.sln")))
            {
                var sdk = Path.Combine(dir.FullName, "sdk", "python");
                return Directory.Exists(sdk) ? sdk : null;
            }
        }

        return null;
    }

    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        return info.LinkTarget is null ? full : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
    }
}
