using Faas.Serverless.Api.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Faas.Serverless.Api.Hosting.OpenApi;

/// <summary>Gives each operation its summary and description from <see cref="OperationDocs"/>, and says which project role it needs.</summary>
internal sealed class OperationTextTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (OperationDocs.Find(context.Description) is not { } doc)
        {
            return Task.CompletedTask;
        }

        operation.Summary = doc.Summary;
        var role = context.Description.ActionDescriptor.EndpointMetadata.OfType<ProjectRoleRequirement>().LastOrDefault();
        var needs = role is null ? null : $"Needs the {role.Minimum} role or higher in the project.";
        var text = string.Join(" ", new[] { doc.Description, needs }.Where(part => part is not null));
        operation.Description = text.Length == 0 ? null : text;
        return Task.CompletedTask;
    }
}
