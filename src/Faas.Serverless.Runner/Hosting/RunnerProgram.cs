using Faas.Serverless.Runner.Agent;
using Faas.Serverless.Runner.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Hosting;

/// <summary>
/// The process: validate options, build the generic host (DI, logging, IHttpClientFactory, SIGTERM/SIGINT via the
/// console lifetime), run the agent until it returns its exit code.
/// </summary>
internal static partial class RunnerProgram
{
    /// <param name="configureServices">Test seam: replaces services or timings after the defaults are registered.</param>
    /// <param name="stop">Test seam: acts like SIGTERM.</param>
    public static async Task<int> RunAsync(
        string[] args,
        Func<string, string?> environment,
        string baseDirectory,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken stop = default)
    {
        var parsed = RunnerOptionsParser.Parse(args, environment, baseDirectory);
        var hardened = ProcessHardening.Apply();
        if (parsed.HelpRequested)
        {
            await Console.Out.WriteLineAsync(RunnerOptionsParser.Usage);
            return ExitCodes.Stopped;
        }

        if (!parsed.IsValid)
        {
            await Console.Error.WriteLineAsync("faas-runner: invalid options:");
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync("  - " + error);
            }

            await Console.Error.WriteLineAsync("Run 'faas-runner --help' for usage.");
            return ExitCodes.InvalidOptions;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = baseDirectory,
            ApplicationName = "faas-runner",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Services.AddRunner(parsed.Options!);
        configureServices?.Invoke(builder.Services);

        using var host = builder.Build();
        await host.StartAsync(CancellationToken.None);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Faas.Serverless.Runner");
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping, stop);
        int code;
        try
        {
            LogStarting(logger, parsed.Options!.ReplicaId, parsed.Options.ServiceId, parsed.Options.HostUri);
            if (!hardened)
            {
                LogNotHardened(logger);
            }

            code = await host.Services.GetRequiredService<RunnerAgent>().RunAsync(stopping.Token);
        }
#pragma warning disable CA1031 // Last-resort handler: any escape is a crash with its own exit code, logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCrashed(logger, ex);
            code = ExitCodes.Crashed;
        }

        LogExiting(logger, code);
        await host.StopAsync(CancellationToken.None);
        return code;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "faas-runner starting: replica {ReplicaId} of service {ServiceId} on {HostUri}")]
    private static partial void LogStarting(ILogger logger, string replicaId, string serviceId, Uri hostUri);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "faas-runner exiting with code {ExitCode}")]
    private static partial void LogExiting(ILogger logger, int exitCode);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "faas-runner could not make itself non-dumpable: code running as its uid can read its memory")]
    private static partial void LogNotHardened(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Critical, Message = "faas-runner crashed")]
    private static partial void LogCrashed(ILogger logger, Exception exception);
}
