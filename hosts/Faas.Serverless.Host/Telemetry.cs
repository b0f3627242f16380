using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Faas.Serverless.Host;

/// <summary>
/// Traces of the host: incoming API requests and, beneath them, every Azure SDK storage call (the SDKs' own
/// <c>Azure.*</c> activity sources, with retries and failures as span events). Exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, as every OpenTelemetry SDK reads it.
/// </summary>
internal static class Telemetry
{
    public const string ServiceName = "faas-serverless-host";

    public static void AddFaasTelemetry(this WebApplicationBuilder builder)
    {
        // The Azure SDKs emit ActivitySource spans only behind this switch (their tracing is still marked experimental).
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var tracing = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracer => tracer
                .AddSource("Azure.*")
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/api/health")));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            tracing.WithTracing(tracer => tracer.AddOtlpExporter());
        }
    }
}
