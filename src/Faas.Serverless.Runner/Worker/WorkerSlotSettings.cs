using Faas.Serverless.Runner.Work;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Worker;

/// <summary>What every slot of a pool shares: how to start and initialise a worker, and where calls are reported.</summary>
/// <param name="Environment">The environment of the worker of a slot (by slot index).</param>
/// <param name="Changed">Set when a slot becomes idle, so the work loop leases again.</param>
/// <param name="KillGrace">How long a call may take to stop on a terminate request before its worker is killed.</param>
internal sealed record WorkerSlotSettings(
    WorkerStartInfo StartInfo,
    Func<int, IReadOnlyDictionary<string, string>> Environment,
    InitRequest Init,
    ICallSink Sink,
    AsyncSignal Changed,
    TimeSpan KillGrace,
    ILogger ProcessLogger);
