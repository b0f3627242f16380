using System.Runtime.InteropServices;

namespace Faas.Serverless.Runner.Worker;

/// <summary>kill(2), for what <see cref="System.Diagnostics.Process"/> cannot do: signal a whole process group.</summary>
internal static class NativeProcess
{
    private const int SigKill = 9;

    /// <summary>
    /// SIGKILLs every process of the group led by <paramref name="leaderPid"/> (the worker leads its own session, so
    /// this reaches what user code started); false when there is no such group (the worker is not its leader yet).
    /// </summary>
    public static bool KillGroup(int leaderPid) => leaderPid > 1 && !OperatingSystem.IsWindows() && Kill(-leaderPid, SigKill) == 0;

    // DllImport rather than LibraryImport: the generated marshalling would need unsafe code for two ints.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
