using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Faas.Serverless.Api.Hosting.OpenApi;

/// <summary>Schemas the transformers add, kept once under <c>components/schemas</c> and referenced by name.</summary>
internal static class SchemaComponents
{
    public static async Task<IOpenApiSchema> ReferenceAsync(OpenApiOperationTransformerContext context, Type type, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("The operation transformer runs without its document.");
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(type.Name))
        {
            document.AddComponent<IOpenApiSchema>(type.Name, await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken));
        }

        return new OpenApiSchemaReference(type.Name, document);
    }

    public static async Task<IOpenApiSchema> ArrayOfAsync(OpenApiOperationTransformerContext context, Type type, CancellationToken cancellationToken) =>
        new OpenApiSchema { Type = JsonSchemaType.Array, Items = await ReferenceAsync(context, type, cancellationToken) };
}
