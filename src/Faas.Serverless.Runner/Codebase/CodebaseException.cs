namespace Faas.Serverless.Runner.Codebase;

/// <summary>The codebase cannot be used: hash mismatch, too large, or an unsafe zip entry.</summary>
internal sealed class CodebaseException : Exception
{
    public CodebaseException()
    {
    }

    public CodebaseException(string message)
        : base(message)
    {
    }

    public CodebaseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
