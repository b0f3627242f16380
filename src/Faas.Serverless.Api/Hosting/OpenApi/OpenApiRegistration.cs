using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Faas.Serverless.Api.Hosting.OpenApi;

/// <summary>
/// The API's OpenAPI 3.1 document and its interactive reference page. Both are public: they describe the API, and a
/// new user needs them before holding a key.
/// </summary>
public static class OpenApiRegistration
{
    public const string DocumentName = "v1";

    /// <summary>Where the document is served; <c>{documentName}</c> is <see cref="DocumentName"/>.</summary>
    public const string DocumentPattern = "/openapi/{documentName}.json";

    /// <summary>The reference page; <c>/scalar/v1</c> shows <see cref="DocumentName"/>.</summary>
    public const string ReferencePrefix = "/scalar";

    public static IServiceCollection AddFaasOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer<DocumentInfoTransformer>();
            options.AddDocumentTransformer<SecuritySchemeTransformer>();
            options.AddSchemaTransformer<NumberSchemaTransformer>();
            options.AddSchemaTransformer<ProblemSchemaTransformer>();
            // In this order: the problem responses follow from the path parameters and the body the transformers before declare.
            options.AddOperationTransformer<PathParameterTransformer>();
            options.AddOperationTransformer<RequestBodyTransformer>();
            options.AddOperationTransformer<RequestExampleTransformer>();
            options.AddOperationTransformer<OperationTextTransformer>();
            options.AddOperationTransformer<SecurityRequirementTransformer>();
            options.AddOperationTransformer<ProblemResponseTransformer>();
            options.AddOperationTransformer<ResponseHeaderTransformer>();
        });
        return services;
    }

    /// <summary>
    /// Maps the document and the reference page. The local host calls it beside <c>MapFaasApi</c>; the Functions app
    /// does not, since its functions serve only the API's own routes.
    /// </summary>
    public static IEndpointRouteBuilder MapFaasApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPattern).AllowAnonymous();
        app.MapScalarApiReference(ReferencePrefix, options => options
            .WithTitle("Faas.Serverless API")
            .AddPreferredSecuritySchemes([SecuritySchemeTransformer.Bearer]))
            .AllowAnonymous();
        return app;
    }
}
