using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Triggers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Faas.Serverless.Api.Hosting.OpenApi;

/// <summary>
/// The bodies of the routes that read them in their own way: the package push (multipart, read part by part with the
/// zip streamed to disk; declaring it with <c>Accepts</c> would make routing answer 415 where the API answers a 400
/// naming <c>body</c>), the event ingress (Event Grid, and CloudEvents in its three content modes) and the trigger
/// PATCH, which binds raw JSON to tell an absent field from a null one.
/// </summary>
internal sealed class RequestBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        switch (OperationDocs.KeyOf(context.Description))
        {
            case "POST /api/v1/projects/{projectId}/packages":
                operation.RequestBody = await PackagePushAsync(context, cancellationToken);
                break;
            case "POST /api/v1/projects/{projectId}/events/eventgrid":
                operation.RequestBody = Body(
                    "An array of Event Grid events. A subscription validation event is answered with its `validationResponse`.",
                    ("application/json", await SchemaComponents.ArrayOfAsync(context, typeof(EventGridEventBody), cancellationToken)));
                break;
            case "POST /api/v1/projects/{projectId}/events/cloudevents":
                operation.RequestBody = Body(
                    "CloudEvents 1.0 in any HTTP content mode: structured (one event), batch (an array), or binary (`ce-specversion`, `ce-id`, `ce-source`, `ce-type` headers and the resource JSON as the body).",
                    ("application/cloudevents+json", await SchemaComponents.ReferenceAsync(context, typeof(CloudEventBody), cancellationToken)),
                    ("application/cloudevents-batch+json", await SchemaComponents.ArrayOfAsync(context, typeof(CloudEventBody), cancellationToken)),
                    ("application/json", new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Binary mode: the resource JSON, an object with a non-empty string `id`." }));
                break;
            case "PATCH /api/v1/projects/{projectId}/triggers/{triggerId}":
                operation.RequestBody = Body(
                    "Any subset of the trigger's fields; fields left out keep their value.",
                    ("application/json", await SchemaComponents.ReferenceAsync(context, typeof(TriggerRequest), cancellationToken)));
                break;
        }
    }

    private static async Task<OpenApiRequestBody> PackagePushAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string>(StringComparer.Ordinal) { "schema", "codebase" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["schema"] = await SchemaComponents.ReferenceAsync(context, typeof(PackageSchemaInput), cancellationToken),
                ["codebase"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The codebase zip." },
            },
        };
        return new OpenApiRequestBody
        {
            Description = "The package JSON (`faas.json`) as the `schema` part and the codebase zip as the `codebase` part.",
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["multipart/form-data"] = new()
                {
                    Schema = form,
                    Encoding = new Dictionary<string, OpenApiEncoding>(StringComparer.Ordinal)
                    {
                        ["schema"] = new() { ContentType = "application/json" },
                        ["codebase"] = new() { ContentType = "application/zip" },
                    },
                },
            },
        };
    }

    private static OpenApiRequestBody Body(string description, params (string ContentType, IOpenApiSchema Schema)[] contents) => new()
    {
        Description = description,
        Required = true,
        Content = contents.ToDictionary(content => content.ContentType, content => new OpenApiMediaType { Schema = content.Schema }),
    };
}
