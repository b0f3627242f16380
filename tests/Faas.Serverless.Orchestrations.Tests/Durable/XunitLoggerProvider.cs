using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Faas.Serverless.Orchestrations.Tests.Durable;

/// <summary>Sends log lines to the test's output (shown when a test fails), each tagged with the host that wrote it.</summary>
public sealed class XunitLoggerProvider(ITestOutputHelper output, string host) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new XunitLogger(output, $"{host} {categoryName[(categoryName.LastIndexOf('.') + 1)..]}");

    public void Dispose()
    {
    }

    private sealed class XunitLogger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel,-11} {category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.GetType().Name + ": " + exception.Message)}");
            }
            catch (InvalidOperationException)
            {
                // The test already finished.
            }
        }
    }
}
