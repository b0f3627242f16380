namespace Faas.Serverless.Supervisor.Isolation;

/// <summary>What separates a replica from the host and from other replicas on this machine.</summary>
public enum IsolationLevel
{
    /// <summary>Nothing beyond an allow-listed environment: the host's user, the host's files.</summary>
    None,

    /// <summary>A uid and gid of its own, unprivileged (the host runs as root; bubblewrap is missing).</summary>
    Uid,

    /// <summary>Bubblewrap as the host's user (the host is not root): its own view of the files, pids and IPC.</summary>
    Bubblewrap,

    /// <summary>Bubblewrap plus a uid and gid of its own.</summary>
    BubblewrapUid,
}

public static class IsolationLevels
{
    /// <summary>The name <c>GET /api/health</c> reports.</summary>
    public static string ToWireName(this IsolationLevel level) => level switch
    {
        IsolationLevel.Uid => "uid",
        IsolationLevel.Bubblewrap => "bubblewrap",
        IsolationLevel.BubblewrapUid => "bubblewrap+uid",
        _ => "none",
    };

    public static bool UsesBubblewrap(this IsolationLevel level) => level is IsolationLevel.Bubblewrap or IsolationLevel.BubblewrapUid;

    public static bool UsesUid(this IsolationLevel level) => level is IsolationLevel.Uid or IsolationLevel.BubblewrapUid;
}
