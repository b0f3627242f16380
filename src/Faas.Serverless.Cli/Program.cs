using Faas.Serverless.Cli.Hosting;

namespace Faas.Serverless.Cli;

/// <summary>The <c>faas</c> executable: a named class, not top-level statements, so its <c>Program</c> never shadows the host's in tests.</summary>
internal static class EntryPoint
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, CliContext.FromProcess());
}
