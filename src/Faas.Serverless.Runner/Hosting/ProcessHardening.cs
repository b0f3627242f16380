using System.Runtime.InteropServices;
using Faas.Serverless.Runner.Options;

namespace Faas.Serverless.Runner.Hosting;

/// <summary>
/// Keeps the bot token away from user code that runs as the agent's own uid (its Python worker): the agent becomes
/// non-dumpable, so its <c>/proc/PID/environ</c>, <c>mem</c> and <c>fd</c> turn root-owned and ptrace attach is
/// refused; and the token leaves the environment that child processes inherit.
/// </summary>
internal static partial class ProcessHardening
{
    private const int PrSetDumpable = 4;

    /// <returns>Whether the process is now non-dumpable (false on other systems, or if prctl failed).</returns>
    public static bool Apply()
    {
        Environment.SetEnvironmentVariable(RunnerEnvironment.Token, null);
        return OperatingSystem.IsLinux() && Prctl(PrSetDumpable, 0, 0, 0, 0) == 0;
    }

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
