using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Faas.Serverless.Api.Hosting.OpenApi;

/// <summary>
/// Problem details as the host writes them: <c>AddProblemDetails</c> adds the request's <c>traceId</c>, which finds
/// the request in the host log, as an extension the type itself does not declare.
/// </summary>
internal sealed class ProblemSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is null && typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type) && schema.Properties is { } properties)
        {
            properties.TryAdd("traceId", new OpenApiSchema { Type = JsonSchemaType.String, Description = "Finds the request in the host log." });
        }

        return Task.CompletedTask;
    }
}
