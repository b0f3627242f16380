using System.Net;

namespace Faas.Serverless.Client;

/// <summary>An RFC 7807 problem answered by the Faas.Serverless API (any 4xx or 5xx).</summary>
public sealed class FaasApiException : Exception
{
    /// <summary>Creates the exception for a problem the API answered.</summary>
    public FaasApiException(HttpStatusCode status, string? title, string? detail, string? type, IReadOnlyDictionary<string, IReadOnlyList<string>>? errors, string? traceId)
        : base(Describe(status, title, detail, errors))
    {
        Status = status;
        Title = title;
        Detail = detail;
        Type = type;
        Errors = errors ?? new Dictionary<string, IReadOnlyList<string>>();
        TraceId = traceId;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public FaasApiException()
        : this(0, null, null, null, null, null)
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public FaasApiException(string message)
        : base(message)
    {
        Errors = new Dictionary<string, IReadOnlyList<string>>();
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public FaasApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, IReadOnlyList<string>>();
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem's <c>title</c>.</summary>
    public string? Title { get; }

    /// <summary>The problem's <c>detail</c>, when it has one.</summary>
    public string? Detail { get; }

    /// <summary>The problem's <c>type</c> URI.</summary>
    public string? Type { get; }

    /// <summary>Validation messages keyed by field path (<c>runtime.replicas</c>, <c>input.name</c>); empty when none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }

    /// <summary>The <c>traceId</c> that finds the request in the host log.</summary>
    public string? TraceId { get; }

    private static string Describe(HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, IReadOnlyList<string>>? errors)
    {
        var message = $"{(int)status} {title ?? status.ToString()}";
        if (detail is not null)
        {
            message += ": " + detail;
        }

        if (errors is { Count: > 0 })
        {
            message += " " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
        }

        return message;
    }
}
