namespace Faas.Serverless.Cli.Hosting;

/// <summary>A failure the user can fix, reported as one line and an exit code.</summary>
public sealed class CliException : Exception
{
    /// <summary>Creates the exception with exit code 1.</summary>
    public CliException()
    {
    }

    /// <summary>Creates the exception with exit code 1.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public CliException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with exit code 1 and its cause.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
