using System.Diagnostics;
using System.Net;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;

namespace Faas.Serverless.Api.Tests.Telemetry;

[Collection("Azurite")]
public sealed class StorageTracingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Request_ReadingStorage_TracesTheAzureSdkCallsUnderTheRequestSpan()
    {
        var spans = new List<Activity>();
        await using var factory = new FaasApiFactory(azurite);
        await using var traced = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracer => tracer.AddInMemoryExporter(spans))));
        var admin = traced.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", FaasApiFactory.AdminKey);

        using var response = await admin.GetAsync("/api/v1/projects");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Activity[] snapshot = [];
        // The exporter appends each span as it ends, on the host's threads: look at copies until the request's is there.
        await Eventually.TrueAsync(() =>
        {
            snapshot = [.. spans];
            return Task.FromResult(snapshot.Any(span => span.Kind == ActivityKind.Server));
        }, TimeSpan.FromSeconds(10), "The request span was not exported.");
        var request = snapshot.Last(span => span.Kind == ActivityKind.Server);
        var storageCalls = snapshot.Where(span => span.TraceId == request.TraceId && span.Source.Name.StartsWith("Azure.", StringComparison.Ordinal)).ToList();
        Assert.Contains(storageCalls, span => span.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal));
    }
}
