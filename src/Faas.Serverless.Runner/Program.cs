using Faas.Serverless.Runner.Hosting;
using Faas.Serverless.Runner.Options;

return await RunnerProgram.RunAsync(args, RunnerEnvironment.Process, AppContext.BaseDirectory);
