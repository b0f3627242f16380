using Faas.Serverless.Domain.Common;

namespace Faas.Serverless.Api.Endpoints;

internal static class Paging
{
    /// <summary>Out-of-range page sizes are clamped rather than refused: paging is a hint, not a contract.</summary>
    public static PageRequest Request(int? pageSize, string? continuationToken) =>
        new(Math.Clamp(pageSize ?? PageRequest.DefaultPageSize, 1, PageRequest.MaxPageSize), continuationToken);

    /// <summary>
    /// A listing that is small by nature (members, keys, bots), whole in one page: every listing has the same
    /// <c>{items, continuationToken}</c> envelope, so clients page them all alike.
    /// </summary>
    public static Page<T> All<T>(IReadOnlyList<T> items) => new(items, null);
}
