using System.Globalization;

namespace Faas.Serverless.Bench;

/// <summary>Command line: <c>[--name N] [--out DIR] [--quick] [--long] [--azurite disk|memory] [--compare BASE.json [CURRENT.json]]</c>.</summary>
/// <param name="AzuriteInMemory">
/// Azurite keeps its data on disk by default, as <c>./scripts/start.sh</c> runs it. In memory it stores every queue
/// message as an extent of its own and its queue GC (every 60 s) then deletes them one by one, freezing every
/// service for seconds (measured: 3.3 s for 1,461 messages, 7.7 s for 2,288); on disk messages share extent files.
/// </param>
internal sealed record BenchOptions(string Name, string OutDir, bool Quick, bool Long, string? CompareBase, string? CompareCurrent, bool AzuriteInMemory = false)
{
    public int LatencyCount => Quick ? 30 : 200;

    public int WarmUp => Quick ? 5 : 20;

    public int ClosedLoop => Quick ? 100 : 500;

    public int ListingWalks => Quick ? 3 : 10;

    public int TriggerEvents => Quick ? 10 : 50;

    public int CronSeconds => Quick ? 5 : 10;

    public TimeSpan CapacityDuration => TimeSpan.FromSeconds(Quick ? 3 : 10);

    public const int Submitters = 16;

    public static BenchOptions Parse(IReadOnlyList<string> args, string repositoryRoot)
    {
        var name = "run-" + DateTime.UtcNow.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture);
        var outDir = Path.Combine(repositoryRoot, "bench", "results");
        bool quick = false, longRuns = false, inMemory = false;
        string? compareBase = null, compareCurrent = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--name": name = args[++i]; break;
                case "--out": outDir = args[++i]; break;
                case "--quick": quick = true; break;
                case "--long": longRuns = true; break;
                case "--azurite":
                    inMemory = args[++i] switch
                    {
                        "memory" => true,
                        "disk" => false,
                        var other => throw new ArgumentException($"--azurite takes disk or memory, not '{other}'.", nameof(args)),
                    };
                    break;
                case "--compare":
                    compareBase = args[++i];
                    compareCurrent = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
                    break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.", nameof(args));
            }
        }

        return new BenchOptions(name, outDir, quick, longRuns, compareBase, compareCurrent, inMemory);
    }
}
