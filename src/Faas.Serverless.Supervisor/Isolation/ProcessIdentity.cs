using System.Globalization;

namespace Faas.Serverless.Supervisor.Isolation;

/// <summary>
/// A process told apart from a later one that reuses its pid: its pid plus its start time (in clock ticks since
/// boot, the 22nd field of <c>/proc/{pid}/stat</c>). Only meaningful on the machine that recorded it.
/// </summary>
internal sealed record ProcessIdentity(int Pid, long StartTime)
{
    public static ProcessIdentity? Capture(int pid) => ReadStartTime(pid) is { } start ? new ProcessIdentity(pid, start) : null;

    public bool IsAlive() => ReadStartTime(Pid) == StartTime;

    /// <summary>The start time of a live, non-zombie process; the command name may hold spaces and parentheses.</summary>
    private static long? ReadStartTime(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 19 && fields[0] is not ("Z" or "X") && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : null;
    }
}
