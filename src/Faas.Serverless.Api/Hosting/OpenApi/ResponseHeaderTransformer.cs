using Faas.Serverless.Api.Endpoints;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Faas.Serverless.Api.Hosting.OpenApi;

/// <summary>
/// The response headers a client acts on: <c>ETag</c> (sent back as <c>If-Match</c>) on the resources that have one,
/// <c>Location</c> on a 201, <c>Retry-After</c> on a 429 or 503, and <c>Faas-Push-Result</c> on a package push.
/// </summary>
internal sealed class ResponseHeaderTransformer : IOpenApiOperationTransformer
{
    private const string Services = "/api/v1/projects/{projectId}/services";
    private const string Packages = "/api/v1/projects/{projectId}/packages";
    private const string Triggers = "/api/v1/projects/{projectId}/triggers";
    private const string Push = $"POST {Packages}";

    /// <summary>The operations whose success answers carry the resource's ETag.</summary>
    private static readonly HashSet<string> WithETag = new(StringComparer.Ordinal)
    {
        $"POST {Services}", $"GET {Services}/{{serviceId}}", $"PATCH {Services}/{{serviceId}}",
        $"POST {Services}/{{serviceId}}/rollback", $"POST {Services}/{{serviceId}}/stop", $"POST {Services}/{{serviceId}}/start",
        Push, $"GET {Packages}/{{packageId}}", $"PATCH {Packages}/{{packageId}}", $"GET {Packages}/{{packageId}}/codebase",
        $"POST {Triggers}", $"GET {Triggers}/{{triggerId}}", $"PATCH {Triggers}/{{triggerId}}",
        $"POST {Triggers}/{{triggerId}}/activate", $"POST {Triggers}/{{triggerId}}/deactivate",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var key = OperationDocs.KeyOf(context.Description);
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            var success = status.StartsWith('2');
            if (success && WithETag.Contains(key))
            {
                Add(concrete, "ETag", "The resource's version: send it back as `If-Match` to update only what you read (412 otherwise).");
            }

            if (status == "201")
            {
                Add(concrete, "Location", "The URL of the created resource.");
            }

            if (status is "429" or "503")
            {
                Add(concrete, "Retry-After", "Seconds to wait before trying again.", JsonSchemaType.Integer);
            }

            if (success && key == Push)
            {
                Add(concrete, PackageEndpoints.PushResultHeader, "`created` when the push added a revision, `unchanged` when its content equals the latest revision.");
            }
        }

        return Task.CompletedTask;
    }

    private static void Add(OpenApiResponse response, string name, string description, JsonSchemaType type = JsonSchemaType.String)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
    }
}
