using Faas.Serverless.Api.Endpoints;
using Faas.Serverless.Api.Hosting;
using Faas.Serverless.Api.Triggers;
using Faas.Serverless.Host;
using Faas.Serverless.Orchestrations.Durable;
using Faas.Serverless.Orchestrations.Engine;

var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsHostFiles(args);
builder.AddFaasApi();
builder.Services.AddDurableTask(builder.Configuration).AddOrchestrator<ExecutionOrchestration>().AddActivity<ApplyEventsActivity>();
builder.Services.AddCronDispatcher();
builder.AddFaasTelemetry();

var app = builder.Build();
app.UseFaasApi();
app.MapFaasApi();
app.Run();

public partial class Program;
