using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Faas.Serverless.Functions.Http;

/// <summary>
/// Where the API's endpoints are mapped in this app: the Functions worker has no <c>WebApplication</c> to map them
/// on, and routes requests to functions itself, so the table only collects the endpoints for <see cref="ApiDispatcher"/>.
/// </summary>
internal sealed class EndpointTable(IServiceProvider services) : IEndpointRouteBuilder
{
    public IServiceProvider ServiceProvider => services;

    public ICollection<EndpointDataSource> DataSources { get; } = [];

    public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
}
