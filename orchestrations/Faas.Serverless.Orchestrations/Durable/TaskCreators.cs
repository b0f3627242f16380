using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using CoreActivity = DurableTask.Core.TaskActivity;

namespace Faas.Serverless.Orchestrations.Durable;

/// <summary>
/// A Microsoft.DurableTask orchestrator class as DurableTask.Core sees it. Durable Task asks for a fresh object for
/// every episode; it is built from the root provider, since an episode has no end it tells us about.
/// </summary>
internal sealed class OrchestratorCreator : ObjectCreator<TaskOrchestration>
{
    private readonly ObjectFactory _factory;
    private readonly IServiceProvider _services;
    private readonly DurableTaskShimFactory _shims;

    public OrchestratorCreator(DurableTaskRegistration registration, IServiceProvider services, DurableTaskShimFactory shims)
    {
        Name = registration.Name;
        Version = string.Empty;
        _factory = ActivatorUtilities.CreateFactory(registration.Type, Type.EmptyTypes);
        _services = services;
        _shims = shims;
    }

    public override TaskOrchestration Create() =>
        _shims.CreateOrchestration(new TaskName(Name), (ITaskOrchestrator)_factory(_services, null));
}

/// <summary>A Microsoft.DurableTask activity class, built in a service scope of its own for each run.</summary>
internal sealed class ActivityCreator : ObjectCreator<CoreActivity>
{
    private readonly ObjectFactory _factory;
    private readonly IServiceScopeFactory _scopes;
    private readonly DurableTaskShimFactory _shims;

    public ActivityCreator(DurableTaskRegistration registration, IServiceScopeFactory scopes, DurableTaskShimFactory shims)
    {
        Name = registration.Name;
        Version = string.Empty;
        _factory = ActivatorUtilities.CreateFactory(registration.Type, Type.EmptyTypes);
        _scopes = scopes;
        _shims = shims;
    }

    public override CoreActivity Create() => new ScopedActivity(new TaskName(Name), _factory, _scopes, _shims);

    private sealed class ScopedActivity(TaskName name, ObjectFactory factory, IServiceScopeFactory scopes, DurableTaskShimFactory shims) : CoreActivity
    {
        public override string Run(TaskContext context, string input) => RunAsync(context, input).GetAwaiter().GetResult();

        public override async Task<string> RunAsync(TaskContext context, string input)
        {
            await using var scope = scopes.CreateAsyncScope();
            var activity = (ITaskActivity)factory(scope.ServiceProvider, null);
            return await shims.CreateActivity(name, activity).RunAsync(context, input);
        }
    }
}
