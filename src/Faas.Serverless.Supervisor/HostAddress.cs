using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Supervisor;

/// <summary>The URL runners call the host back on: configured, or the address the host ended up listening on.</summary>
public sealed class HostAddress(IServer server, IHostApplicationLifetime lifetime, IOptions<RunnerOptions> options)
{
    public async Task<string> GetAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.HostUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        // Addresses are known only once the server listens (port 0 picks a free port at that moment).
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(cancellationToken);
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The host listens on no address runners could call; set Faas:Runners:HostUrl.");
        return address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("+", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }
}
