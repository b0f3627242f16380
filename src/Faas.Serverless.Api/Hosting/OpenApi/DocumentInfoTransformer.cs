using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Faas.Serverless.Api.Hosting.OpenApi;

/// <summary>The document's title, its description and the order and descriptions of the resource tags.</summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Health", "Whether the host and its storage are up. No key needed."),
        ("Users", "Users, the caller (`/me`) and API keys."),
        ("Organizations", "Organizations and their members."),
        ("Projects", "Projects: the unit of access. Every `/projects/{projectId}/...` route answers 404 to non-members."),
        ("Project members", "Members of a project and their roles (Viewer, Annotator, Developer, Owner)."),
        ("Packages", "Packages: a function schema (`faas.json`) and a zipped codebase, kept as numbered revisions."),
        ("Services", "Services: a deployed package revision with its runtime, scaling and init parameters."),
        ("Executions", "Executions of a service's functions: start, read, follow logs, terminate and rerun."),
        ("Triggers", "Event and cron triggers that start executions."),
        ("Events", "Event ingress (Event Grid and CloudEvents) and the project's event key."),
        ("Dead letters", "Executions that failed every attempt and events that fired nothing."),
        ("Secrets", "Project secrets that services receive as environment variables."),
        ("Bots", "Bots: the users services run as."),
        ("Runner protocol", "Calls the service runners make (docs/runner-protocol.md); not for people."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Faas.Serverless API",
            Version = OpenApiRegistration.DocumentName,
            Description = "The HTTP API of the Faas.Serverless host: identity, packages, services, executions, triggers and the runner protocol. "
                + "Send an API key as `Authorization: Bearer <key>` (or `x-api-key`). Errors are RFC 7807 problem details "
                + "(`application/problem+json`). The prose reference is docs/api.md.",
        };
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description }));
        return Task.CompletedTask;
    }
}
