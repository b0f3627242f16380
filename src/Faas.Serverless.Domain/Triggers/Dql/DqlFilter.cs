using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>
/// A validated, compiled DQL filter (see docs/dql.md). It keeps no reference to the JSON it was parsed from,
/// is immutable, and <see cref="Matches"/> may be called from any number of threads at once.
/// </summary>
public sealed class DqlFilter
{
    /// <summary>The path prefix of errors when the caller gives none.</summary>
    public const string DefaultRootPath = "filter";

    private readonly DqlNode _root;

    private DqlFilter(DqlNode root)
    {
        _root = root;
    }

    /// <exception cref="DqlException">The filter is invalid; the exception lists every problem.</exception>
    public static DqlFilter Parse(JsonElement filter, string rootPath = DefaultRootPath) =>
        TryParse(filter, rootPath, out var result, out var errors) ? result : throw new DqlException(errors);

    public static bool TryParse(JsonElement filter, [NotNullWhen(true)] out DqlFilter? result, out IReadOnlyList<DqlError> errors) =>
        TryParse(filter, DefaultRootPath, out result, out errors);

    /// <param name="rootPath">Prefix of every error path, e.g. <c>spec.filter</c> for a request body field.</param>
    public static bool TryParse(JsonElement filter, string rootPath, [NotNullWhen(true)] out DqlFilter? result, out IReadOnlyList<DqlError> errors)
    {
        ArgumentNullException.ThrowIfNull(rootPath);
        var root = DqlParser.Parse(filter, rootPath, out errors);
        result = root is null ? null : new DqlFilter(root);
        return result is not null;
    }

    /// <summary>Whether <paramref name="resource"/> (normally a JSON object) satisfies the filter.</summary>
    public bool Matches(JsonElement resource) => _root.Matches(resource);
}
