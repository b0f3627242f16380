namespace Faas.Serverless.Domain.Common;

/// <summary>One page of a listing; a null continuation token means the listing is complete.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);

public sealed record PageRequest(int PageSize = PageRequest.DefaultPageSize, string? ContinuationToken = null)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
}
