namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>One problem in a filter.</summary>
/// <param name="Path">
/// Where it is, starting with the root path given to the parser, e.g. <c>spec.filter.$and[1].metadata.size.$gtt</c>:
/// keys are appended with a dot (dotted field paths stay as written), array indexes in brackets.
/// </param>
/// <param name="Message">A sentence saying what is wrong and what is accepted instead.</param>
public sealed record DqlError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
