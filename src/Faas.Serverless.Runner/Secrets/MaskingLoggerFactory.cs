using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Secrets;

/// <summary>
/// Loggers whose messages pass through the <see cref="SecretMasker"/>: the agent logs worker stderr, init errors and
/// bad protocol lines, any of which user code can fill with a secret, and the local host copies the agent's log into its own.
/// </summary>
internal sealed class MaskingLoggerFactory(ILoggerFactory inner, SecretMasker masker) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new MaskingLogger(inner.CreateLogger(categoryName), masker);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The factory it wraps belongs to the host's container, which disposes it.
    public void Dispose()
    {
    }
}

internal sealed class MaskingLogger(ILogger inner, SecretMasker masker) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        if (!masker.IsActive)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
            return;
        }

        inner.Log(logLevel, eventId, masker.Apply(formatter(state, exception))!, exception, static (message, _) => message);
    }
}
