using DurableTask.Core;

namespace Faas.Serverless.Bench;

/// <summary>The bare Durable Task workload: one orchestration that calls one in-process no-op activity and returns its result.</summary>
internal sealed class NoopOrchestration : TaskOrchestration<string, string>
{
    public override Task<string> RunTask(OrchestrationContext context, string input) =>
        context.ScheduleTask<string>(typeof(NoopActivity), input);
}

/// <summary>Returns its input: the activity's own time is nil, so only Durable Task's dispatch and storage are measured.</summary>
internal sealed class NoopActivity : TaskActivity<string, string>
{
    protected override string Execute(TaskContext context, string input) => input;
}
