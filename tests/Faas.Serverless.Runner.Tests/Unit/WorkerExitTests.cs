using Faas.Serverless.Runner.Worker;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class WorkerExitTests
{
    [Theory]
    [InlineData(17, "exited with code 17")]
    [InlineData(137, "was killed by signal 9 (SIGKILL, e.g. the OOM killer)")]
    [InlineData(139, "was killed by signal 11 (SIGSEGV)")]
    public void Describe_ExitCodeOrSignal_SaysWhich(int code, string expected) =>
        Assert.Equal(expected, new WorkerExit(code, string.Empty).Describe());
}
