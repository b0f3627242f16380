namespace Faas.Serverless.Supervisor.Isolation;

/// <summary>A replica's process: what to run, with which arguments, in exactly which environment (nothing inherited).</summary>
/// <param name="ReportsChildPid">bubblewrap writes the agent's pid (as the host sees it) as a JSON status line on stderr.</param>
internal sealed record SandboxCommandLine(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, bool ReportsChildPid);
