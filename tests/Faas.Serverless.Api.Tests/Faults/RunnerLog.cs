using System.Text.RegularExpressions;
using Faas.Serverless.Api.Tests.Crash;

namespace Faas.Serverless.Api.Tests.Faults;

/// <summary>What the runners logged through their hosts (the supervisor passes their lines on at Debug).</summary>
public static partial class RunnerLog
{
    /// <summary>How many times a runner invoked each execution's function, over every host given.</summary>
    public static IReadOnlyDictionary<string, int> Invocations(params HostProcess[] hosts) =>
        hosts.SelectMany(host => host.Lines).Select(line => InvokingLine().Match(line)).Where(match => match.Success)
            .GroupBy(match => match.Groups["id"].Value, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);

    [GeneratedRegex(@"Invoking work for execution (?<id>\S+) attempt", RegexOptions.CultureInvariant)]
    private static partial Regex InvokingLine();
}
