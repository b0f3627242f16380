using Faas.Serverless.Storage;
using Xunit;

namespace Faas.Serverless.Testing;

/// <summary>
/// One in-memory Azurite process on three free loopback ports, shared by a test collection. Tests isolate
/// themselves by using their own tables, queues and containers (<see cref="UniqueName"/>).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime, IDisposable
{
    private AzuriteProcess? _azurite;
    private string? _connectionString;
    private StorageClients? _clients;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Azurite has not been started.");

    /// <summary>Table, blob and queue clients of the emulator, with the host's retry and version settings.</summary>
    public StorageClients Clients => _clients ?? throw new InvalidOperationException("Azurite has not been started.");

    /// <summary>A loopback port nothing listens on (until someone else takes it): an endpoint for outage tests.</summary>
    public static int FreePort() => AzuriteProcess.FreePorts(1)[0];

    /// <summary>A name valid for a table, a queue and a container: lowercase letters and digits, starting with a letter.</summary>
    public static string UniqueName(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var clean = new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray());
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0]))
        {
            clean = "t" + clean;
        }

        return clean + Guid.NewGuid().ToString("N")[..16];
    }

    public async Task InitializeAsync()
    {
        _azurite = new AzuriteProcess(AzuriteProcess.FreePorts(3), location: null);
        await _azurite.StartAsync().ConfigureAwait(false);
        _connectionString = _azurite.ConnectionString;
        _clients = StorageClients.FromConnectionString(_connectionString);
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _azurite?.Dispose();
}
