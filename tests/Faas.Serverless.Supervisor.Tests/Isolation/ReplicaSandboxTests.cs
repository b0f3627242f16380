using Faas.Serverless.Supervisor.Isolation;

namespace Faas.Serverless.Supervisor.Tests.Isolation;

public sealed class ReplicaSandboxTests
{
    private const int Uid = 200_001;
    private static readonly ReplicaLayout Layout = ReplicaLayout.For("/var/faas", "svc-v1-r0.0a1b2c3d");
    private static readonly SandboxTools Tools = new("/usr/bin/bwrap", "/usr/bin/setpriv", ["--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib"]);
    private static readonly RuntimePaths Runtime = new(
        "/usr/share/dotnet/dotnet", "/usr/share/dotnet", "/opt/faas/runner/faas-runner.dll", "/opt/faas/sdk", "/opt/py/3.11/bin/python3", ["/opt/py/3.11"]);

    private static readonly Dictionary<string, string> Host = new(StringComparer.Ordinal)
    {
        ["Faas__Auth__AdminKey"] = "admin-secret",
        ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountKey=secret",
        ["FAAS_RUNNER_TOKEN"] = "faas_token",
        ["PATH"] = "/root/.pyenv/shims:/usr/bin",
        ["HOME"] = "/root",
        ["LANG"] = "C.UTF-8",
        ["TZ"] = "Europe/Paris",
        ["FAAS_E2E_STATE_DIR"] = "/tmp/runs",
    };

    private static readonly string[] AgentArguments = ["--replica", "svc-v1-r0", "--parent-stdin"];

    [Fact]
    public void Build_BubblewrapUid_BwrapThenSetprivThenAgentWithOnlyItsFolders()
    {
        var command = Sandbox(IsolationLevel.BubblewrapUid, new IsolationOptions { SharedPaths = ["/tmp/runs"] }).Build(Layout, Uid, AgentArguments, Lookup);

        Assert.Equal("/usr/bin/bwrap", command.FileName);
        Assert.Equal(
            [
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--hostname", "faas-replica", "--as-pid-1", "--new-session",
                "--json-status-fd", "2",
                "--proc", "/proc", "--dev", "/dev", "--perms", "01777", "--tmpfs", "/tmp",
                "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib",
                "--dir", "/opt", "--dir", "/opt/faas", "--dir", "/opt/py", "--dir", "/var", "--dir", "/var/faas", "--dir", "/var/faas/replicas",
                "--dir", "/var/faas/replicas/svc-v1-r0.0a1b2c3d", "--dir", "/var/faas/spool",
                "--ro-bind", "/opt/faas/runner", "/opt/faas/runner",
                "--ro-bind", "/opt/faas/sdk", "/opt/faas/sdk",
                "--ro-bind", "/opt/py/3.11", "/opt/py/3.11",
                "--ro-bind", Layout.Codebase, Layout.Codebase,
                "--bind", Layout.Home, Layout.Home,
                "--bind", Layout.Tmp, Layout.Tmp,
                "--bind", "/var/faas/spool/svc-v1-r0", "/var/faas/spool/svc-v1-r0",
                "--bind", "/tmp/runs", "/tmp/runs",
                "--chdir", Layout.Home, "--",
                "/usr/bin/setpriv", "--reuid", "200001", "--regid", "200001", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--",
                "/usr/share/dotnet/dotnet", "/opt/faas/runner/faas-runner.dll", "--replica", "svc-v1-r0", "--parent-stdin",
            ],
            command.Arguments);
        Assert.True(command.ReportsChildPid);
        Assert.DoesNotContain("--die-with-parent", command.Arguments);
    }

    [Fact]
    public void Build_Uid_SetprivWithoutSandbox()
    {
        var command = Sandbox(IsolationLevel.Uid).Build(Layout, Uid, AgentArguments, Lookup);

        Assert.Equal("/usr/bin/setpriv", command.FileName);
        Assert.Equal(
            ["--reuid", "200001", "--regid", "200001", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--",
             "/usr/share/dotnet/dotnet", "/opt/faas/runner/faas-runner.dll", "--replica", "svc-v1-r0", "--parent-stdin"],
            command.Arguments);
        Assert.False(command.ReportsChildPid);
    }

    [Fact]
    public void Build_None_DotnetRunsTheAgentDirectly()
    {
        var command = Sandbox(IsolationLevel.None).Build(Layout, null, AgentArguments, Lookup);

        Assert.Equal("/usr/share/dotnet/dotnet", command.FileName);
        Assert.Equal(["/opt/faas/runner/faas-runner.dll", "--replica", "svc-v1-r0", "--parent-stdin"], command.Arguments);
    }

    [Fact]
    public void Build_UidLevelWithoutUid_Throws()
    {
        Assert.Throws<ArgumentException>(() => Sandbox(IsolationLevel.BubblewrapUid).Build(Layout, null, AgentArguments, Lookup));
    }

    [Theory]
    [InlineData(IsolationLevel.None)]
    [InlineData(IsolationLevel.Uid)]
    [InlineData(IsolationLevel.BubblewrapUid)]
    public void Build_AnyLevel_EnvironmentIsExactlyTheAllowList(IsolationLevel level)
    {
        var command = Sandbox(level).Build(Layout, level == IsolationLevel.None ? null : Uid, AgentArguments, Lookup);

        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/opt/py/3.11/bin:/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = "/var/faas/replicas/svc-v1-r0.0a1b2c3d/home",
            ["TMPDIR"] = "/var/faas/replicas/svc-v1-r0.0a1b2c3d/tmp",
            ["DOTNET_ROOT"] = "/usr/share/dotnet",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_EnableDiagnostics"] = "0",
            ["FAAS_RUNNER_RUNTIME_LABEL"] = $"local process, isolation {level.ToWireName()}",
            ["LANG"] = "C.UTF-8",
            ["TZ"] = "Europe/Paris",
        };
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), command.Environment.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void ReadOnlyFolders_NestedFolders_OnlyTheOutermost()
    {
        var runtime = Runtime with { SdkDir = "/opt/faas/runner/sdk", PythonRoots = ["/opt/py/3.11", "/opt/py/3.11/venv"] };

        Assert.Equal(["/usr/share/dotnet", "/opt/faas/runner", "/opt/py/3.11"], runtime.ReadOnlyFolders());
    }

    private static ReplicaSandbox Sandbox(IsolationLevel level, IsolationOptions? options = null) => new(level, Tools, Runtime, options ?? new IsolationOptions());

    private static string? Lookup(string name) => Host.GetValueOrDefault(name);
}
