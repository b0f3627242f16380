using System.Text.Json;

namespace Faas.Serverless.Supervisor.Isolation;

/// <summary>
/// What the host started, written beside the replica's folders (root-only, no secret in it): after a crash the
/// next host finds each runner token it issued and whether its process still runs on this machine.
/// </summary>
internal sealed record LaunchRecord(string ServiceId, string ReplicaId, string BotUserId, string ApiKeyId, int? Uid, ProcessIdentity? Process)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Write(ReplicaLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(layout.LaunchRecord, options);
        JsonSerializer.Serialize(stream, this, Json);
    }

    /// <summary>Every launch folder under <paramref name="runnersRoot"/>, with its record when it has a readable one.</summary>
    public static IEnumerable<(ReplicaLayout Layout, LaunchRecord? Record)> ReadAll(string runnersRoot)
    {
        var folder = Path.Combine(runnersRoot, ReplicaLayout.ReplicasFolder);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var dir in Directory.EnumerateDirectories(folder))
        {
            var layout = new ReplicaLayout(dir);
            LaunchRecord? record = null;
            try
            {
                record = JsonSerializer.Deserialize<LaunchRecord>(File.ReadAllText(layout.LaunchRecord), Json);
            }
            catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
            {
                // A launch that died before its record was written: nothing to revoke, only a folder to remove.
            }

            yield return (layout, record);
        }
    }
}
