using Microsoft.DurableTask;

namespace Faas.Serverless.Orchestrations.Tests.Durable;

public sealed record GreetingRequest(string Name, int Attempts);

public sealed record Approval(string By, bool Granted);

public sealed record Greeting(string Text, string ApprovedBy, int ActivityAttempts);

public sealed record Progress(string Step, int Percent);

/// <summary>Counts runs per key across a host's activity instances (activities are built per run, so state lives here).</summary>
public sealed class RunCounter
{
    private readonly Dictionary<string, int> _runs = new(StringComparer.Ordinal);

    public int Increment(string key)
    {
        lock (_runs)
        {
            _runs[key] = _runs.GetValueOrDefault(key) + 1;
            return _runs[key];
        }
    }

    public int Count(string key)
    {
        lock (_runs)
        {
            return _runs.GetValueOrDefault(key);
        }
    }
}

/// <summary>Greets after a retried activity and an approval raised from outside; reports progress as custom status.</summary>
[DurableTask("Greeter")]
public sealed class GreeterOrchestrator : TaskOrchestrator<GreetingRequest, Greeting>
{
    public override async Task<Greeting> RunAsync(TaskOrchestrationContext context, GreetingRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromMilliseconds(200)));
        var text = await context.CallActivityAsync<string>("FlakyGreet", input, retry);
        context.SetCustomStatus(new Progress("awaiting-approval", 50));
        var approval = await context.WaitForExternalEvent<Approval>("approval");
        context.SetCustomStatus(new Progress("done", 100));
        return new Greeting(text, approval.Granted ? approval.By : "nobody", input.Attempts);
    }
}

/// <summary>Fails until its request's attempt count is reached; takes <see cref="RunCounter"/> from the container.</summary>
[DurableTask("FlakyGreet")]
public sealed class FlakyGreetActivity(RunCounter runs) : TaskActivity<GreetingRequest, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, GreetingRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var attempt = runs.Increment(context.InstanceId);
        return attempt < input.Attempts
            ? throw new InvalidOperationException($"attempt {attempt} fails on purpose")
            : Task.FromResult($"Hello, {input.Name}");
    }
}

/// <summary>Waits for an event that never comes: something to terminate, suspend or query while running.</summary>
public sealed class WaitForeverOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.WaitForExternalEvent<string>("never");
    }
}

/// <summary>One slow activity: the work in flight when a host dies.</summary>
public sealed class RelayOrchestrator : TaskOrchestrator<int, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallActivityAsync<string>(nameof(SlowActivity), input);
    }
}

/// <summary>Takes a while, then says which host ran it (<see cref="HostName"/> is registered per host).</summary>
public sealed class SlowActivity(HostName host, RunCounter runs) : TaskActivity<int, string>
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);

    public override async Task<string> RunAsync(TaskActivityContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        runs.Increment("started");
        await Task.Delay(Duration);
        return $"{host.Name}:{input}";
    }
}

public sealed record HostName(string Name);
