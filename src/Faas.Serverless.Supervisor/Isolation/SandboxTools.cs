namespace Faas.Serverless.Supervisor.Isolation;

/// <summary>
/// The sandboxing tools found on this machine and the base system a bubblewrap sandbox gets (its /usr, the
/// /bin and /lib links or binds as this machine has them, and the /etc files programs need).
/// </summary>
/// <param name="Bwrap">bubblewrap's executable, when it is installed and works here.</param>
/// <param name="Setpriv">util-linux setpriv, which drops a root host's privileges to the replica's uid.</param>
/// <param name="SystemArguments">bubblewrap arguments that set up the read-only base system.</param>
internal sealed record SandboxTools(string? Bwrap, string? Setpriv, IReadOnlyList<string> SystemArguments)
{
    /// <summary>Everything under /etc a replica may read: name resolution, time zones, the dynamic linker, TLS roots.</summary>
    public static readonly string[] EtcFiles =
    [
        "/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/timezone",
        "/etc/hosts", "/etc/host.conf", "/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/gai.conf", "/etc/services",
        "/etc/protocols", "/etc/passwd", "/etc/group", "/etc/os-release", "/etc/mime.types", "/etc/ssl",
        "/etc/ca-certificates", "/etc/pki", "/etc/crypto-policies",
    ];

    private static readonly string[] TopLevel = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    /// <summary>Reads this machine's layout: merged-/usr systems have /bin and /lib as links into /usr.</summary>
    public static IReadOnlyList<string> DescribeSystem()
    {
        var arguments = new List<string> { "--ro-bind", "/usr", "/usr" };
        foreach (var path in TopLevel)
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                arguments.AddRange(["--symlink", target, path]);
            }
            else if (Directory.Exists(path))
            {
                arguments.AddRange(["--ro-bind", path, path]);
            }
        }

        foreach (var path in EtcFiles)
        {
            arguments.AddRange(["--ro-bind-try", path, path]);
        }

        return arguments;
    }

    public static string? FindOnPath(string name, string? path)
    {
        foreach (var dir in (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/bin", "/bin", "/usr/sbin", "/sbin"]))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
