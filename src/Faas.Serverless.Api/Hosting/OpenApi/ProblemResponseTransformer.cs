using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Faas.Serverless.Domain.Identity;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Faas.Serverless.Api.Hosting.OpenApi;

/// <summary>
/// Declares the problem-details errors an operation can answer with (application/problem+json). Most follow from
/// what the pipeline does to every route: ids in the path are checked (400) and may name nothing the caller can see
/// (404), protected routes need a key (401), project roles and the runner key scope refuse (403), <c>If-Match</c>
/// can be stale (412) and every caller is rate limited (429). The rest an operation names in <see cref="OperationDocs"/>.
/// </summary>
internal sealed class ProblemResponseTransformer : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var parameters = operation.Parameters ?? [];
        var isProtected = SecurityRequirementTransformer.IsProtected(metadata);
        var inProject = OperationDocs.KeyOf(description).Contains(" /api/v1/projects/{projectId}", StringComparison.Ordinal);
        var statuses = new SortedSet<int> { StatusCodes.Status429TooManyRequests };
        if (operation.RequestBody is not null || parameters.Any(parameter => parameter.In is ParameterLocation.Query or ParameterLocation.Path))
        {
            statuses.Add(StatusCodes.Status400BadRequest);
        }

        // The package push reads its multipart body itself and answers another type with a 400 naming body.
        if (operation.RequestBody?.Content?.ContainsKey("multipart/form-data") == false)
        {
            statuses.Add(StatusCodes.Status415UnsupportedMediaType);
        }

        if (parameters.Any(parameter => parameter.In == ParameterLocation.Path))
        {
            statuses.Add(StatusCodes.Status404NotFound);
        }

        if (isProtected)
        {
            statuses.Add(StatusCodes.Status401Unauthorized);
        }

        var role = metadata.OfType<ProjectRoleRequirement>().LastOrDefault()?.Minimum ?? ProjectRole.Viewer;
        var runner = metadata.OfType<ITagsMetadata>().Any(tags => tags.Tags.Contains(RateLimiting.RunnerTag));
        if (isProtected && (role > ProjectRole.Viewer || runner || (!inProject && description.HttpMethod != HttpMethods.Get)))
        {
            statuses.Add(StatusCodes.Status403Forbidden);
        }

        if (parameters.Any(parameter => parameter.In == ParameterLocation.Header && string.Equals(parameter.Name, "If-Match", StringComparison.OrdinalIgnoreCase)))
        {
            statuses.Add(StatusCodes.Status412PreconditionFailed);
        }

        statuses.UnionWith(OperationDocs.Find(description)?.Problems ?? []);
        operation.Responses ??= [];
        foreach (var status in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.TryGetValue(key, out var declared) && declared.Content?.ContainsKey(ProblemJson) == true)
            {
                continue;
            }

            var type = status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
            var schema = await SchemaComponents.ReferenceAsync(context, type, cancellationToken);
            operation.Responses[key] = new OpenApiResponse
            {
                Description = Describe(status),
                Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } },
            };
        }
    }

    private static string Describe(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is invalid: `errors` names each offending field, or `detail` says what did not parse.",
        StatusCodes.Status401Unauthorized => "No valid API key was sent.",
        StatusCodes.Status403Forbidden => "The caller is known but not allowed: project role too low, admin or organization Owner needed, or another service's runner key.",
        StatusCodes.Status404NotFound => "Not found, or the caller may not see it (non-members get 404 for a project).",
        StatusCodes.Status409Conflict => "Conflicts with the current state (`detail` says with what).",
        StatusCodes.Status412PreconditionFailed => "`If-Match` names an ETag that is no longer current.",
        StatusCodes.Status413PayloadTooLarge => "A body or field is above its limit (`errors` names it, with its size and the limit).",
        StatusCodes.Status415UnsupportedMediaType => "The body's content type is not one this route reads.",
        StatusCodes.Status429TooManyRequests => "Too many requests from this key or client address; `Retry-After` says how many seconds to wait.",
        StatusCodes.Status503ServiceUnavailable => "Storage did not answer, or the change was not applied yet; `Retry-After` says when to send the same request again.",
        _ => "An error, as problem details.",
    };
}
