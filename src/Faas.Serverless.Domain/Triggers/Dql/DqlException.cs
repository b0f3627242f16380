namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>A filter was refused; <see cref="Errors"/> lists every problem found, in document order.</summary>
public sealed class DqlException : Exception
{
    public DqlException(IReadOnlyList<DqlError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<DqlError> Errors { get; }

    /// <summary>The path of the first problem.</summary>
    public string Path => Errors[0].Path;

    private static string Describe(IReadOnlyList<DqlError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A DqlException needs at least one error.", nameof(errors));
        }

        return "Invalid DQL filter: " + string.Join("; ", errors);
    }
}
