using Faas.Serverless.Api.Endpoints;
using Faas.Serverless.Api.Hosting;
using Faas.Serverless.Api.Hosting.OpenApi;
using Faas.Serverless.Api.Triggers;
using Faas.Serverless.Dashboard;
using Faas.Serverless.Host;
using Faas.Serverless.Orchestrations.Durable;
using Faas.Serverless.Orchestrations.Engine;

var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsHostFiles(args);

// Hosted services start in this order and stop in reverse: the Durable Task worker is up before the runner supervisor
// starts runners, and stops only after they have drained; the cron loop starts after storage is set up.
builder.Services.AddDurableTask(builder.Configuration).AddOrchestrator<ExecutionOrchestration>().AddActivity<ApplyEventsActivity>();
builder.AddFaasApi();
builder.Services.AddCronDispatcher();
builder.AddFaasTelemetry();

var app = builder.Build();
app.UseFaasApi();
app.MapFaasApi();
app.MapFaasApiReference();
app.MapFaasDashboard();
app.Run();

public partial class Program;
