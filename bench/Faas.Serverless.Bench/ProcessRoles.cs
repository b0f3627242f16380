using System.Globalization;

namespace Faas.Serverless.Bench;

/// <summary>The platform's processes on this machine by role, found by their command line.</summary>
internal static class ProcessRoles
{
    public static IReadOnlyDictionary<string, IReadOnlyList<int>> Find(int hostPid, int azuritePid)
    {
        var runners = new List<int>();
        var workers = new List<int>();
        var descendants = DescendantsOf(hostPid);
        foreach (var pid in descendants)
        {
            var arguments = CommandLine(pid);
            if (arguments.Length == 0 || arguments[0].EndsWith("bwrap", StringComparison.Ordinal))
            {
                continue;
            }

            if (arguments.Any(a => a.EndsWith("faas-runner.dll", StringComparison.Ordinal)))
            {
                runners.Add(pid);
            }
            else if (Path.GetFileName(arguments[0]).StartsWith("python", StringComparison.Ordinal))
            {
                workers.Add(pid);
            }
        }

        return new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal)
        {
            ["host"] = [hostPid],
            ["runner"] = runners,
            ["python"] = workers,
            ["azurite"] = [azuritePid],
        };
    }

    public static IReadOnlyDictionary<string, (double CpuSeconds, double RssMb)> Sample(IReadOnlyDictionary<string, IReadOnlyList<int>> roles) =>
        roles.ToDictionary(
            r => r.Key,
            r =>
            {
                var samples = r.Value.Select(ProcessSample.Read).OfType<ProcessSample>().ToList();
                return (samples.Sum(s => s.CpuSeconds), samples.Sum(s => s.RssMb));
            },
            StringComparer.Ordinal);

    private static string[] CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static List<int> DescendantsOf(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ProcessSample.Read(pid) is not null && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var child in parents.Where(p => p.Value == current).Select(p => p.Key))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }

        return found;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal));
            return line is null ? null : int.Parse(line[5..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
