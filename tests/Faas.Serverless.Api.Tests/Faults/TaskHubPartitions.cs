using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Data.Tables;

namespace Faas.Serverless.Api.Tests.Faults;

/// <summary>
/// Who owns the task hub's control-queue partitions: Durable Task's table partition manager keeps one row per
/// partition in <c>{hub}Partitions</c>, naming its owner by worker id, which our hosts make
/// <c>{machine}-{pid}-{random}</c>.
/// </summary>
public static partial class TaskHubPartitions
{
    /// <summary>Each partition's current owner's process id (null when it has none, or one not of this form).</summary>
    public static async Task<IReadOnlyDictionary<string, int?>> OwnersAsync(string connectionString, string hubName)
    {
        var table = new TableClient(connectionString, hubName + "Partitions");
        var owners = new Dictionary<string, int?>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            var owner = row.GetString("CurrentOwner");
            var match = owner is null ? null : WorkerId().Match(owner);
            owners[row.RowKey] = match is { Success: true } ? int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture) : null;
        }

        return owners;
    }

    [GeneratedRegex(@"-(?<pid>\d+)-[0-9a-f]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex WorkerId();
}
