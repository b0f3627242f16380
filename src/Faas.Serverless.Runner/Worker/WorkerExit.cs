using System.Globalization;

namespace Faas.Serverless.Runner.Worker;

/// <summary>How a worker process ended, with the last lines it wrote to stderr.</summary>
/// <param name="ExitCode">As .NET reports it on Unix: a death by signal N reads 128 + N.</param>
internal sealed record WorkerExit(int ExitCode, string StderrTail)
{
    private const int SignalBase = 128;

    /// <summary>The signal that killed the worker, when the exit code says so.</summary>
    public int? Signal => ExitCode is > SignalBase and <= SignalBase + 64 ? ExitCode - SignalBase : null;

    /// <summary>"exited with code 17", "was killed by signal 9 (SIGKILL)".</summary>
    public string Describe() => Signal is { } signal
        ? string.Create(CultureInfo.InvariantCulture, $"was killed by signal {signal} ({SignalName(signal)})")
        : string.Create(CultureInfo.InvariantCulture, $"exited with code {ExitCode}");

    private static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL, e.g. the OOM killer",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        15 => "SIGTERM",
        _ => "SIG" + signal.ToString(CultureInfo.InvariantCulture),
    };
}
