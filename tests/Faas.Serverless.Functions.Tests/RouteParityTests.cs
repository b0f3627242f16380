using Faas.Serverless.Orchestrations.Engine;
using Microsoft.AspNetCore.Routing;

namespace Faas.Serverless.Functions.Tests;

/// <summary>The Functions app exposes every API route and method of the local host, and nothing else.</summary>
public sealed class RouteParityTests(LocalHost host) : IClassFixture<LocalHost>
{
    [Fact]
    public void FunctionsMetadata_HttpTriggers_MatchTheLocalHostsEndpoints()
    {
        var prefix = FunctionsApp.RoutePrefix();
        var functions = FunctionsApp.Functions()
            .SelectMany(function => function.Bindings.Where(binding => binding.Type == "httpTrigger"))
            .SelectMany(binding => binding.Methods.Select(method => RouteKey.Of(method, prefix, binding.Route ?? string.Empty)))
            .ToList();
        var local = host.ApiEndpoints
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => RouteKey.Of(method, endpoint.RoutePattern)))
            .ToList();

        var missing = local.Except(functions).Order().ToList();
        var extra = functions.Except(local).Order().ToList();
        var twice = functions.GroupBy(key => key).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0 && twice.Count == 0,
            $"Routes of the local host with no function: [{string.Join(", ", missing)}]; functions with no such route: [{string.Join(", ", extra)}]; routes with two functions: [{string.Join(", ", twice)}].");
        Assert.True(local.Count > 70, $"Only {local.Count} routes: the local host's endpoint table is not what it maps.");
    }

    [Fact]
    public void FunctionsMetadata_HttpTriggers_AreAnonymousSoTheApiKeysDecide()
    {
        var keyed = FunctionsApp.Functions()
            .Where(function => function.Bindings.Any(binding => binding.Type == "httpTrigger" && binding.AuthLevel != "Anonymous"))
            .Select(function => function.Name)
            .ToList();

        Assert.Empty(keyed);
    }

    [Fact]
    public void FunctionsMetadata_ListsTheCronTimerTheOrchestrationAndItsActivity()
    {
        var triggers = FunctionsApp.Functions().ToDictionary(function => function.Name, function => function.Bindings.Single(binding => binding.Type.EndsWith("Trigger", StringComparison.Ordinal)).Type);

        Assert.Equal("timerTrigger", triggers["CronRound"]);
        Assert.Equal("orchestrationTrigger", triggers[ExecutionOrchestration.Name]);
        Assert.Equal("activityTrigger", triggers[ApplyEventsActivity.Name]);
        Assert.Equal("httpTrigger", triggers["IngestEventGrid"]);
        Assert.Equal("httpTrigger", triggers["IngestCloudEvents"]);
        Assert.Equal("httpTrigger", triggers["CloudEventsHandshake"]);
    }
}
