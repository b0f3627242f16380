using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Faas.Serverless.Api.Hosting.OpenApi;

/// <summary>
/// Declares every parameter of the route template. Group parameters such as <c>{projectId}</c> are read by filters
/// (project access, runner scope), not bound by most handlers, so the generator leaves them out; OpenAPI requires
/// each templated path segment to be declared.
/// </summary>
internal sealed class PathParameterTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var route = context.Description.RelativePath ?? string.Empty;
        operation.Parameters ??= [];
        var declared = operation.Parameters.Where(parameter => parameter.In == ParameterLocation.Path).Select(parameter => parameter.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        foreach (var name in Names(route))
        {
            if (declared.Contains(name))
            {
                continue;
            }

            operation.Parameters.Insert(position++, new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = name.EndsWith("Id", StringComparison.Ordinal) ? "An id as the API returns it: 32 lowercase hex characters (a replica's is `{serviceId}-v{n}-r{n}`, the admin's `admin`)." : null,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }

    private static IEnumerable<string> Names(string route) =>
        route.Split('/').Where(segment => segment.StartsWith('{') && segment.EndsWith('}')).Select(segment => segment[1..^1].Split(':', '=', '?')[0]);
}
