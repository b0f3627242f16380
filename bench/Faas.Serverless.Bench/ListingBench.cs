using System.Diagnostics;

namespace Faas.Serverless.Bench;

/// <summary>
/// The table-heavy read path: every execution of the project listed page by page, several times over, after the
/// throughput runs have left the project with about a thousand executions.
/// </summary>
internal static class ListingBench
{
    public const int PageSize = 100;

    public static async Task<ListingResult> RunAsync(FaasApi api, int walks, CancellationToken cancellationToken = default)
    {
        var pages = new List<double>();
        var walkTimes = new List<double>();
        var listed = 0;
        for (var walk = 0; walk < walks; walk++)
        {
            listed = 0;
            var whole = Stopwatch.StartNew();
            string? token = null;
            do
            {
                var clock = Stopwatch.StartNew();
                var page = await api.ListExecutionsAsync(PageSize, token, cancellationToken);
                pages.Add(clock.Elapsed.TotalMilliseconds);
                listed += page["items"]?.AsArray().Count ?? 0;
                token = page["continuationToken"]?.GetValue<string>();
            }
            while (token is not null);
            walkTimes.Add(whole.Elapsed.TotalMilliseconds);
        }

        return new ListingResult(listed, pages.Count / Math.Max(walks, 1), Percentiles.Summarize(pages), Percentiles.Summarize(walkTimes));
    }
}
