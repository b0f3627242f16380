using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Faas.Serverless.Supervisor.Isolation;

/// <summary>The few POSIX calls .NET has no managed API for.</summary>
internal static partial class Posix
{
    public static bool IsRoot => OperatingSystem.IsLinux() && GetEuid() == 0;

    /// <summary>chown(2) without following a symbolic link at <paramref name="path"/>.</summary>
    public static void Chown(string path, int uid, int gid)
    {
        if (Lchown(path, uid, gid) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"chown {uid}:{gid} '{path}' failed");
        }
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    [LibraryImport("libc", EntryPoint = "lchown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Lchown(string path, int uid, int gid);
}
