using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Faas.Serverless.Api.Hosting.OpenApi;

/// <summary>
/// The key forms <c>ApiKeyAuthenticationHandler</c> accepts, as security schemes: an API key as a bearer token or in
/// <c>x-api-key</c> everywhere, and on the event ingress routes alone the forms event publishers send.
/// </summary>
internal sealed class SecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public const string Bearer = "bearer";
    public const string ApiKeyHeader = "apiKeyHeader";
    public const string EventGridKey = "eventGridKey";
    public const string CodeQuery = "codeQuery";
    public const string EventGridSasToken = "eventGridSasToken";

    /// <summary>Schemes every protected route accepts, each alone enough.</summary>
    public static readonly string[] ApiKeySchemes = [Bearer, ApiKeyHeader];

    /// <summary>Schemes the event ingress routes accept besides <see cref="ApiKeySchemes"/>.</summary>
    public static readonly string[] IngressSchemes = [EventGridKey, CodeQuery, EventGridSasToken];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key as `Authorization: Bearer <key>`: the admin key, or a user's or bot's key (`faas_` + 64 hex). Wins over `x-api-key` when both are sent.",
            },
            [ApiKeyHeader] = Header("x-api-key", "The same API key in the `x-api-key` header."),
            [EventGridKey] = Header("aeg-sas-key", "Event ingress only: the project's event key or an API key, as Event Grid sends it."),
            [CodeQuery] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Query,
                Name = "code",
                Description = "Event ingress only: the project's event key or an API key in the URL, for webhook senders that cannot set headers.",
            },
            [EventGridSasToken] = Header(
                "aeg-sas-token",
                "Event ingress only: a SAS token made from the project's event key, `r=<resource>&e=<expiry>&s=<signature>` (`POST .../events/token` issues one). `Authorization: SharedAccessSignature <token>` is accepted too."),
        };
        return Task.CompletedTask;
    }

    private static OpenApiSecurityScheme Header(string name, string description) =>
        new() { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = name, Description = description };
}
