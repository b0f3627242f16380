using Faas.Serverless.Runner.Worker;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class WorkerEnvironmentTests
{
    private static readonly WorkerIdentity Identity = new("p1", "s1", "svc", 7, "r1", 2);

    [Fact]
    public void Build_PollutedAgentEnvironment_OnlyAllowListedNames()
    {
        var agent = new Dictionary<string, string>
        {
            ["PATH"] = "/opt/evil/bin:/usr/bin",
            ["HOME"] = "/home/replica",
            ["TMPDIR"] = "/tmp/replica",
            ["TZ"] = "Europe/Paris",
            ["FAAS_RUNNER_TOKEN"] = "bot-key",
            ["Faas__Auth__AdminKey"] = "admin",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["PYTHONSTARTUP"] = "/tmp/evil.py",
        };

        var environment = WorkerEnvironment.Build(new WorkerStartInfo("/usr/bin/python3", "/sdk", "/code", "main.py", "ServiceRunner", 1024), Identity, agent.GetValueOrDefault);

        Assert.Equal(
            [
                "FAAS_PROJECT_ID", "FAAS_REPLICA_ID", "FAAS_SERVICE_ID", "FAAS_SERVICE_NAME", "FAAS_SERVICE_VERSION", "FAAS_WORKER_SLOT",
                "HOME", "PATH", "PYTHONDONTWRITEBYTECODE", "PYTHONIOENCODING", "PYTHONNOUSERSITE", "PYTHONPATH", "PYTHONUNBUFFERED", "TMPDIR", "TZ",
            ],
            environment.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(WorkerEnvironment.SafePath, environment["PATH"]);
        Assert.Equal("/sdk:/code", environment["PYTHONPATH"]);
        Assert.Equal(("7", "2", "/home/replica"), (environment["FAAS_SERVICE_VERSION"], environment["FAAS_WORKER_SLOT"], environment["HOME"]));
    }

    [Fact]
    public void Build_InterpreterOutsideSafePath_ItsFolderFirst()
    {
        var environment = WorkerEnvironment.Build(
            new WorkerStartInfo("/opt/python/3.12/bin/python3", "/sdk", "/code", "main.py", "ServiceRunner", 1024), Identity, _ => null);

        Assert.Equal("/opt/python/3.12/bin:" + WorkerEnvironment.SafePath, environment["PATH"]);
    }

    [Fact]
    public void Build_Secrets_AddedWithoutReplacingPlatformVariables()
    {
        var secrets = new Dictionary<string, string> { ["OPENAI_KEY"] = "sk-123456", ["PATH"] = "/evil" };

        var environment = WorkerEnvironment.Build(new WorkerStartInfo("/usr/bin/python3", "/sdk", "/code", "main.py", "ServiceRunner", 1024), Identity, _ => null, secrets);

        Assert.Equal("sk-123456", environment["OPENAI_KEY"]);
        Assert.Equal(WorkerEnvironment.SafePath, environment["PATH"]);
    }
}
