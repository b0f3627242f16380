using Faas.Serverless.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Faas.Serverless.Api.Hosting.OpenApi;

/// <summary>
/// Puts the key requirement on each operation that needs one, as alternatives (any one form is enough); anonymous
/// routes get none, and the event ingress routes list the publishers' forms too.
/// </summary>
internal sealed class SecurityRequirementTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!IsProtected(metadata))
        {
            return Task.CompletedTask;
        }

        var schemes = metadata.OfType<EventIngressAttribute>().Any()
            ? SecuritySchemeTransformer.ApiKeySchemes.Concat(SecuritySchemeTransformer.IngressSchemes)
            : SecuritySchemeTransformer.ApiKeySchemes;
        operation.Security = [.. schemes.Select(scheme => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] })];
        return Task.CompletedTask;
    }

    /// <summary>As the authorization middleware decides: a policy is set and nothing allows anonymous callers.</summary>
    public static bool IsProtected(IList<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
}
