using Faas.Serverless.Dashboard;
using Faas.Serverless.Functions.Endpoints;
using Faas.Serverless.Functions.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsHostFiles(args);
builder.AddFaasHost();
builder.AddFaasTelemetry();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapFaasApi();
app.MapFaasDashboard();
app.Run();

public partial class Program;
