namespace Faas.Serverless.Runner.Options;

/// <summary>Environment variables the agent reads, and a seam so tests need not touch the real environment.</summary>
internal static class RunnerEnvironment
{
    public const string Token = "FAAS_RUNNER_TOKEN";
    public const string WorkDir = "FAAS_RUNNER_WORKDIR";
    public const string PythonSdk = "FAAS_PYTHON_SDK";
    public const string RuntimeLabel = "FAAS_RUNNER_RUNTIME_LABEL";

    public static Func<string, string?> Process { get; } = Environment.GetEnvironmentVariable;
}
