namespace Faas.Serverless.Supervisor.Isolation;

/// <summary>Uids (used as gids too) for replicas: one per live replica process, the lowest free first, reused after it stops.</summary>
internal sealed class UidPool(int first, int count)
{
    private readonly HashSet<int> _used = [];
    private readonly Lock _lock = new();

    public int Rent()
    {
        lock (_lock)
        {
            for (var uid = first; uid < first + count; uid++)
            {
                if (_used.Add(uid))
                {
                    return uid;
                }
            }
        }

        throw new InvalidOperationException($"All {count} replica uids from {first} are in use: raise extensions.faas.runners.isolation.uidCount.");
    }

    /// <summary>Marks a uid taken by a process this host did not start (an orphan of a killed host).</summary>
    public void Reserve(int uid)
    {
        lock (_lock)
        {
            _used.Add(uid);
        }
    }

    public void Return(int uid)
    {
        lock (_lock)
        {
            _used.Remove(uid);
        }
    }
}
