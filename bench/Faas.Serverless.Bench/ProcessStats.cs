using System.Globalization;

namespace Faas.Serverless.Bench;

/// <summary>CPU time and resident memory of one process, read from Linux /proc.</summary>
internal sealed record ProcessSample(int Pid, double CpuSeconds, double RssMb)
{
    /// <summary>Kernel clock ticks per second (USER_HZ); 100 on every Linux this runs on.</summary>
    private const double TicksPerSecond = 100;

    public static ProcessSample? Read(int pid)
    {
        try
        {
            return new ProcessSample(pid, CpuSecondsOf(File.ReadAllText($"/proc/{pid}/stat")), RssMbOf(File.ReadAllLines($"/proc/{pid}/status")));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>utime + stime: fields 14 and 15, counted after the ")" that closes the command name.</summary>
    internal static double CpuSecondsOf(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / TicksPerSecond;
    }

    internal static double RssMbOf(IEnumerable<string> status)
    {
        var line = status.FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
