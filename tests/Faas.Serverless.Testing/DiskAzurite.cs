using System.Diagnostics;
using System.Globalization;

namespace Faas.Serverless.Testing;

/// <summary>
/// An Azurite of one test that keeps its data on disk, so the test can stop it (a storage outage) and start it
/// again on the same data and ports. Unlike <see cref="AzuriteFixture"/>, it is not shared.
/// </summary>
public sealed class DiskAzurite : IAsyncDisposable
{
    private readonly string _location = Directory.CreateTempSubdirectory("faas-azurite-").FullName;
    private readonly AzuriteProcess _azurite;

    public DiskAzurite() => _azurite = new AzuriteProcess(AzuriteProcess.FreePorts(3), _location);

    public string ConnectionString => _azurite.ConnectionString;

    public bool Running => _azurite.Running;

    public async Task StartAsync()
    {
        if (!Running)
        {
            await _azurite.StartAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops Azurite the way a service manager does (SIGTERM: it stops listening and saves its databases), so a
    /// restart finds every write it acknowledged.
    /// </summary>
    public async Task StopAsync()
    {
        if (!Running)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _azurite.Pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        await _azurite.WaitForExitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
    }

    /// <summary>
    /// kill -9, as a crash or the OOM killer does: no save on the way out. Azurite 3.37 saves its databases every
    /// 5 s (LokiJS autosave), so a restart may not find the writes of the last few seconds.
    /// </summary>
    public void Kill() => _azurite.Kill();

    public ValueTask DisposeAsync()
    {
        _azurite.Dispose();
        Directory.Delete(_location, recursive: true);
        return ValueTask.CompletedTask;
    }
}
