using Faas.Serverless.Domain.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Serverless.Api.Http;

/// <summary>RFC 7807 responses used across endpoint groups, so every error reads the same way.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    /// <summary>409 for work sent to a stopped or failed service, with its status and reason as fields a client can read.</summary>
    public static ProblemHttpResult ServiceNotRunnable(ServiceNotRunnableException exception) =>
        TypedResults.Problem(
            exception.Message,
            statusCode: StatusCodes.Status409Conflict,
            title: "The service cannot run executions",
            extensions: new Dictionary<string, object?> { ["serviceStatus"] = exception.Refusal.Status.ToString(), ["reason"] = exception.Refusal.Reason });

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed");

    /// <summary>413 naming the field that is too large; the message gives its size and the limit.</summary>
    public static ProblemHttpResult TooLarge(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "The request is too large",
            Detail = message,
        });

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid");

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid");
}
