using Faas.Serverless.Orchestrations.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Faas.Serverless.Orchestrations.Tests.Durable;

/// <summary>A generic host running the task hub runtime exactly as the platform's host registers it.</summary>
public sealed class DurableHost : IAsyncDisposable
{
    private readonly IHost _host;

    private DurableHost(IHost host) => _host = host;

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public OrchestrationHistoryReader History => _host.Services.GetRequiredService<OrchestrationHistoryReader>();

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<DurableHost> StartAsync(
        string connectionString,
        string hubName,
        ITestOutputHelper output,
        Action<IServiceCollection> register,
        IReadOnlyDictionary<string, string?>? settings = null,
        string name = "host")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            [$"{DurableTaskOptions.Section}:hubName"] = hubName,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new XunitLoggerProvider(output, name));
        builder.Logging.AddFilter("DurableTask", LogLevel.Warning);
        builder.Services.AddDurableTask(builder.Configuration);
        register(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new DurableHost(host);
    }

    /// <summary>Stops within <paramref name="timeout"/>, whatever the worker is still waiting for.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _host.StopAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(15));
        _host.Dispose();
    }
}
