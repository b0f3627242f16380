using Faas.Serverless.Stores;

namespace Faas.Serverless.Api.Hosting;

/// <summary>Creates tables and containers before the host accepts requests, so no request pays for it.</summary>
internal sealed partial class StorageInitializer(StoreTables tables, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await tables.CreateIfNotExistsAsync(cancellationToken);
        LogReady(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Storage tables and containers are ready")]
    private static partial void LogReady(ILogger logger);
}
