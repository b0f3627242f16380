namespace Faas.Serverless.CodebaseZip;

/// <summary>The codebase cannot be used: hash mismatch, too large, or an unsafe zip entry.</summary>
public sealed class CodebaseException : Exception
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
