namespace Faas.Serverless.Client.Models;

/// <summary>One page of a listing: pass <paramref name="ContinuationToken"/> back for the next; null ends the listing.</summary>
/// <param name="Items">The page's items.</param>
/// <param name="ContinuationToken">The token of the next page, or null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);
