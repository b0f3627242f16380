using Faas.Serverless.Api.Hosting;
using Faas.Serverless.Functions.Http;
using Faas.Serverless.Orchestrations.Durable;
using Faas.Serverless.Orchestrations.Engine;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Faas.Serverless.Functions;

/// <summary>
/// The same API as the local host; the Durable Task extension runs the orchestrations and a timer function the cron
/// round. Not a top-level program: its <c>Program</c> would clash with the local host's in the tests that use both.
/// </summary>
internal static class Program
{
    private static void Main(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.AddFunctionsHostFiles(args);
        builder.AddFaasApi();
        builder.Services.AddTaskHubClient(builder.Configuration);
        builder.Services.AddTransient<ApplyEventsActivity>();
        builder.Services.AddSingleton<ApiDispatcher>();
        builder.AddFaasTelemetry();
        builder.Build().Run();
    }
}
