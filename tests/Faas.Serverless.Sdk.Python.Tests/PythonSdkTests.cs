using System.Diagnostics;

namespace Faas.Serverless.Sdk.Python.Tests;

/// <summary>
/// Runs the Python SDK's own unittest suite (sdk/python/tests), so the repository's single test command
/// covers the worker the runner agent starts.
/// </summary>
public sealed class PythonSdkTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task PythonUnitTests_AllPass()
    {
        var startInfo = new ProcessStartInfo("python3")
        {
            WorkingDirectory = Path.Combine(FindRepositoryRoot(), "sdk", "python"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-m", "unittest", "discover", "-s", "tests" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Keeps __pycache__ folders out of the SDK and the samples the suite runs.
        startInfo.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        startInfo.Environment["PYTHONUNBUFFERED"] = "1";

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("python3 did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"python3 -m unittest did not finish within {Timeout.TotalSeconds} s:\n{await stdout}{await stderr}");
        }

        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"python3 -m unittest exited with {process.ExitCode}:\n{output}");
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Faas.Serverless.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Faas.Serverless.sln not found above {AppContext.BaseDirectory}.");
    }
}
