using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Faas.Serverless.Functions;

/// <summary>
/// Traces of the worker, like the local host's: every Azure SDK storage call (the SDKs' <c>Azure.*</c> activity
/// sources) beneath the invocation's span, with the Functions resource attributes. Exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the Functions host reports invocations to Application Insights itself.
/// </summary>
internal static class Telemetry
{
    public static void AddFaasTelemetry(this IHostApplicationBuilder builder)
    {
        // The Azure SDKs emit ActivitySource spans only behind this switch (their tracing is still marked experimental).
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var telemetry = builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults().WithTracing(tracer => tracer.AddSource("Azure.*"));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracer => tracer.AddOtlpExporter());
        }
    }
}
