using System.Diagnostics;
using System.Globalization;

namespace Faas.Serverless.Api.Tests.Crash;

/// <summary>Finds processes on this machine by their command line (Linux /proc), e.g. the runners of one test.</summary>
public static class LocalProcesses
{
    /// <summary>Processes whose arguments satisfy <paramref name="match"/>.</summary>
    public static IReadOnlyList<int> Matching(Func<IReadOnlyList<string>, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string[] arguments;
            try
            {
                arguments = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            // A zombie has an empty command line: it is gone, only not reaped yet.
            if (arguments.Length > 0 && match(arguments))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>Processes with <paramref name="text"/> in one of their arguments.</summary>
    public static IReadOnlyList<int> WithArgumentContaining(string text) =>
        Matching(arguments => arguments.Any(a => a.Contains(text, StringComparison.Ordinal)));

    /// <summary>Runner agents started with <c>--parent-pid <paramref name="parentPid"/></c> (not the bubblewrap process around each).</summary>
    public static IReadOnlyList<int> RunnersOf(int parentPid)
    {
        var pid = parentPid.ToString(CultureInfo.InvariantCulture);
        return Matching(arguments => !arguments[0].EndsWith("bwrap", StringComparison.Ordinal) && arguments.Any(a => a.EndsWith("faas-runner.dll", StringComparison.Ordinal))
            && arguments.Zip(arguments.Skip(1)).Any(pair => pair is ("--parent-pid", var value) && value == pid));
    }

    /// <summary>The direct children of <paramref name="parentPid"/> (their parent pid in <c>/proc/{pid}/stat</c>).</summary>
    public static IReadOnlyList<int> ChildrenOf(int parentPid) =>
        [.. Matching(_ => true).Where(pid => ParentOf(pid) == parentPid)];

    /// <summary>The parent pid, or null when the process is gone.</summary>
    public static int? ParentOf(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so the fields start after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// What each thread of the process is blocked in (<c>/proc/{pid}/task/*/wchan</c>, e.g. <c>hrtimer_nanosleep</c> for a
    /// sleep, <c>futex_wait_queue</c> for a lock); empty when the process is gone.
    /// </summary>
    public static IReadOnlyList<string> WaitChannels(int pid)
    {
        try
        {
            return [.. Directory.EnumerateDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task").Select(task => File.ReadAllText(Path.Combine(task, "wchan")))];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Best-effort kill -9, for cleaning up after a failed test.</summary>
    public static void Kill(IEnumerable<int> pids)
    {
        ArgumentNullException.ThrowIfNull(pids);
        foreach (var pid in pids)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone already.
            }
        }
    }
}
