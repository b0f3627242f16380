namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>
/// Bounds on a filter. Triggers evaluate their filter on every resource event, so a filter is refused at
/// creation unless its evaluation cost is small and predictable.
/// </summary>
public static class DqlLimits
{
    /// <summary>Nesting of JSON objects and arrays; the filter object itself is level 1.</summary>
    public const int MaxDepth = 32;

    /// <summary>JSON values (objects, arrays and scalars, not keys) in the whole filter.</summary>
    public const int MaxNodes = 1000;

    /// <summary>Segments of one dotted field path such as <c>metadata.system.mimetype</c> (3).</summary>
    public const int MaxPathSegments = 32;

    /// <summary>Characters of one glob pattern; it bounds the matcher's state set.</summary>
    public const int MaxPatternLength = 256;
}
