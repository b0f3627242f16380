using System.Text.Json;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Faas.Serverless.Api.Http;

/// <summary>Maps exceptions that escape endpoints to problem details with the right status.</summary>
internal sealed partial class ExceptionProblemHandler(IProblemDetailsService problems, ILogger<ExceptionProblemHandler> logger) : IExceptionHandler
{
    private const string RetryAfterSeconds = "2";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var fieldErrors = exception switch
        {
            ValidationFailedException failed => failed.Errors.ToDictionary(),
            InvalidContinuationTokenException invalidToken => new Dictionary<string, string[]> { ["continuationToken"] = [invalidToken.Message] },
            _ => null,
        };
        if (fieldErrors is not null)
        {
            return await WriteAsync(httpContext, exception, new HttpValidationProblemDetails(fieldErrors) { Status = 400, Title = "The request is invalid" });
        }

        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (400, "The request body is not valid JSON", json.Message),
            BadHttpRequestException bad => (bad.StatusCode, "The request is invalid", bad.Message),
            ConflictException conflict => (409, "Conflict", conflict.Message),
            PreconditionFailedException stale => (412, "Precondition failed", stale.Message),
            StorageUnavailableException => (503, "Storage unavailable", "The storage service did not answer; retry later."),
            NotAppliedYetException notYet => (503, "Not applied yet", notYet.Message),
            StorageRejectedException { IsTooLarge: true } rejected => (413, "Too large for storage", rejected.Message),
            StorageRejectedException rejected => (400, "Refused by storage", rejected.Message),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", null),
            _ => (500, "Internal server error", null),
        };
        if (status == 503)
        {
            // Runners and clients back off and retry: an outage of storage is not a fault of the request.
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
            LogStorageUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }
        else if (status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        return await WriteAsync(httpContext, exception, new ProblemDetails { Status = status, Title = title, Detail = detail });
    }

    private async ValueTask<bool> WriteAsync(HttpContext httpContext, Exception exception, ProblemDetails problem)
    {
        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Storage unavailable in {Method} {Path}: {Reason}")]
    private static partial void LogStorageUnavailable(ILogger logger, string method, string path, string reason);
}
