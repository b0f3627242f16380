namespace Faas.Serverless.Api.Hosting;

/// <summary>The middleware every API request passes, in this order, in both hosts.</summary>
public static class ApiPipeline
{
    /// <summary>
    /// Unhandled errors and bare error statuses become problem details; then the caller is authenticated, rate limited
    /// by who it is, and authorized against the endpoint's policy.
    /// </summary>
    public static IApplicationBuilder UseFaasApi(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
