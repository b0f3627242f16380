using Faas.Serverless.Cli.Hosting;

return await CliApp.RunAsync(args, CliContext.FromProcess());
