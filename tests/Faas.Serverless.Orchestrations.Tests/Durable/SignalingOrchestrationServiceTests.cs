using System.Net.Sockets;
using System.Reflection;
using Azure;
using DurableTask.Core;
using Faas.Serverless.Orchestrations.Durable;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faas.Serverless.Orchestrations.Tests.Durable;

public sealed class SignalingOrchestrationServiceTests
{
    private static readonly TaskActivityWorkItem WorkItem = new() { Id = "message-1" };

    [Fact]
    public async Task CompleteTaskActivityWorkItemAsync_StorageDownThenBack_CompletesOnceStorageAnswers()
    {
        var inner = ScriptedService.Create(Unreachable(), Unreachable(), null);
        var service = new SignalingOrchestrationService(inner, new CompletionSignals(), NullLogger.Instance);

        await service.CompleteTaskActivityWorkItemAsync(WorkItem, new TaskMessage());

        Assert.Equal(3, ((ScriptedService)(object)inner).Calls);
    }

    [Fact]
    public async Task AbandonTaskActivityWorkItemAsync_StorageDownThenBack_AbandonsOnceStorageAnswers()
    {
        var inner = ScriptedService.Create(Unreachable(), null);
        var service = new SignalingOrchestrationService(inner, new CompletionSignals(), NullLogger.Instance);

        await service.AbandonTaskActivityWorkItemAsync(WorkItem);

        Assert.Equal(2, ((ScriptedService)(object)inner).Calls);
    }

    [Fact]
    public async Task CompleteTaskActivityWorkItemAsync_StorageAnswersWithAnError_FailsAtOnce()
    {
        // As DurableTask.AzureStorage reports it: its own exception type around the Azure SDK's.
        var refused = new InvalidOperationException("The specified pop receipt did not match", new RequestFailedException(400, "PopReceiptMismatch"));
        var inner = ScriptedService.Create(refused, null);
        var service = new SignalingOrchestrationService(inner, new CompletionSignals(), NullLogger.Instance);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => service.CompleteTaskActivityWorkItemAsync(WorkItem, new TaskMessage()));

        Assert.Same(refused, thrown);
        Assert.Equal(1, ((ScriptedService)(object)inner).Calls);
    }

    [Fact]
    public async Task AbandonTaskActivityWorkItemAsync_WorkerStopping_GivesUpAtOnce()
    {
        var inner = ScriptedService.Create(Unreachable(), null);
        var service = new SignalingOrchestrationService(inner, new CompletionSignals(), NullLogger.Instance);
        await service.StopAsync(isForced: true);

        await Assert.ThrowsAsync<AggregateException>(() => service.AbandonTaskActivityWorkItemAsync(WorkItem));
        Assert.Equal(1, ((ScriptedService)(object)inner).Calls);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(503, true)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    public void IsStorageUnreachable_WrappedRequestFailure_TransientByStatus(int status, bool expected)
    {
        var wrapped = new InvalidOperationException("storage", new RequestFailedException(status, "failed"));

        Assert.Equal(expected, SignalingOrchestrationService.IsStorageUnreachable(wrapped));
    }

    [Fact]
    public void IsStorageUnreachable_ConnectionRefused_True() =>
        Assert.True(SignalingOrchestrationService.IsStorageUnreachable(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))));

    /// <summary>What the Azure SDK throws once its own retries against a stopped storage account are spent.</summary>
    private static AggregateException Unreachable() =>
        new("Retry failed after 4 tries.", new RequestFailedException(0, "Connection refused (127.0.0.1:10001)", new HttpRequestException("Connection refused")));

    /// <summary>An orchestration service whose activity completions and abandons fail as scripted (null: succeeds), in order.</summary>
    public class ScriptedService : DispatchProxy
    {
        private readonly Queue<Exception?> _script = new();

        public int Calls { get; private set; }

        public static IOrchestrationService Create(params Exception?[] script)
        {
            var proxy = DispatchProxy.Create<IOrchestrationService, ScriptedService>();
            foreach (var step in script)
            {
                ((ScriptedService)(object)proxy)._script.Enqueue(step);
            }

            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod?.Name)
            {
                case nameof(IOrchestrationService.CompleteTaskActivityWorkItemAsync) or nameof(IOrchestrationService.AbandonTaskActivityWorkItemAsync):
                    Calls++;
                    return _script.Dequeue() is { } failure ? Task.FromException(failure) : Task.CompletedTask;
                case nameof(IOrchestrationService.StopAsync):
                    return Task.CompletedTask;
                default:
                    throw new NotSupportedException(targetMethod?.Name);
            }
        }
    }
}
