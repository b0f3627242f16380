using Faas.Serverless.Api.Endpoints;
using Faas.Serverless.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Faas.Serverless.Functions.Http;

/// <summary>
/// The API as the local host serves it, for the HTTP functions: the endpoints <see cref="ApiRoutes.MapFaasApi"/> maps
/// behind the middleware of <see cref="ApiPipeline.UseFaasApi"/>, both built once. A function hands its request here
/// and the request runs the very handler, endpoint filters, authentication, rate limits and problem details it
/// would run in the local host; the functions hold no logic of their own.
/// </summary>
public sealed class ApiDispatcher
{
    private readonly IReadOnlyList<Route> _routes;
    private readonly RequestDelegate _pipeline;

    public ApiDispatcher(IServiceProvider services)
    {
        var table = new EndpointTable(services);
        table.MapFaasApi();

        // The Functions host has already chosen the function by the same template; among templates that match one
        // path, the most specific (literal segments before parameters) is the one ASP.NET Core routing would choose.
        _routes = table.DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Select(endpoint => new Route(endpoint, new RouteTemplate(endpoint.RoutePattern)))
            .OrderBy(route => RoutePrecedence.ComputeInbound(route.Template))
            .ToList();
        var app = new ApplicationBuilder(services);
        app.UseFaasApi();
        app.Run(context => context.GetEndpoint()?.RequestDelegate?.Invoke(context) ?? Task.CompletedTask);
        _pipeline = app.Build();
    }

    /// <summary>Every endpoint of the API, as the local host maps them.</summary>
    public IEnumerable<RouteEndpoint> Endpoints => _routes.Select(route => route.Endpoint);

    /// <summary>Runs the request through the endpoint its method and path select; the response is written to its context.</summary>
    public async Task<IActionResult> DispatchAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = request.HttpContext;
        foreach (var route in _routes)
        {
            var values = new RouteValueDictionary();
            if (route.Accepts(request.Method) && route.Matcher.TryMatch(request.Path, values))
            {
                context.SetEndpoint(route.Endpoint);
                request.RouteValues = values;
                await _pipeline(context);
                return new EmptyResult();
            }
        }

        return new NotFoundResult();
    }

    private sealed class Route(RouteEndpoint endpoint, RouteTemplate template)
    {
        private readonly IReadOnlyList<string> _methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];

        public RouteEndpoint Endpoint => endpoint;

        public RouteTemplate Template => template;

        public TemplateMatcher Matcher { get; } = new(template, new RouteValueDictionary(endpoint.RoutePattern.Defaults));

        public bool Accepts(string method) => _methods.Count == 0 || _methods.Contains(method, StringComparer.OrdinalIgnoreCase);
    }
}
