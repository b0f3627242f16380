using Faas.Serverless.Supervisor.Isolation;

namespace Faas.Serverless.Supervisor;

/// <summary>What a replica process holds while it runs, all given back when it ends: its bot key, folders and uid.</summary>
/// <param name="BotUserId">The bot the key belongs to, as it was at start (the service's bot may change later).</param>
internal sealed record ReplicaGrant(string ServiceId, string ReplicaId, string BotUserId, string ApiKeyId, ReplicaLayout Layout, int? Uid);
