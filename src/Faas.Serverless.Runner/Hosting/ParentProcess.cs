using System.Diagnostics;

namespace Faas.Serverless.Runner.Hosting;

/// <summary>
/// One process, told apart from a later process that reuses its pid. On Linux /proc is read directly: a parent
/// killed under a grandparent that is slow to reap it lingers as a zombie, which is gone for our purpose.
/// </summary>
internal sealed class ParentProcess : IDisposable
{
    private readonly string? _linuxStartTime;
    private readonly Process? _process;

    private ParentProcess(int pid, string? linuxStartTime, Process? process)
    {
        Pid = pid;
        _linuxStartTime = linuxStartTime;
        _process = process;
    }

    public int Pid { get; }

    /// <summary>Remembers the process now; one that does not exist (any more) is never alive.</summary>
    public static ParentProcess Attach(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return new ParentProcess(pid, ReadLinuxStat(pid) is { Zombie: false } stat ? stat.StartTime : null, null);
        }

        try
        {
            return new ParentProcess(pid, null, Process.GetProcessById(pid));
        }
        catch (ArgumentException)
        {
            return new ParentProcess(pid, null, null);
        }
    }

    public bool IsAlive()
    {
        if (OperatingSystem.IsLinux())
        {
            return _linuxStartTime is not null && ReadLinuxStat(Pid) is { Zombie: false } stat && stat.StartTime == _linuxStartTime;
        }

        try
        {
            return _process is { HasExited: false };
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public void Dispose() => _process?.Dispose();

    /// <summary>
    /// <c>/proc/{pid}/stat</c> is "pid (comm) state ppid …" with the start time (in clock ticks since boot) as the
    /// 22nd field. The command name may hold spaces and parentheses, so fields are counted after its last ')'.
    /// </summary>
    private static (bool Zombie, string StartTime)? ReadLinuxStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            // No such file, or ESRCH because it exited between open and read.
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 19 ? (fields[0] is "Z" or "X", fields[19]) : null;
    }
}
