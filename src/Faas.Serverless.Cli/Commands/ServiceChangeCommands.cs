using System.CommandLine;
using Faas.Serverless.Cli.Hosting;

namespace Faas.Serverless.Cli.Commands;

/// <summary><c>faas services deploy|update|rollback</c>: the calls that make a new version.</summary>
internal static class ServiceChangeCommands
{
    public static void AddTo(Command services, Binder binder)
    {
        var name = new Argument<string>("name") { Description = "The service name, unique in the project." };
        var package = new Option<string>("--package") { Description = "The package name.", Required = true };
        var spec = new ServiceSpecOptions();
        var deploy = new Command("deploy", "Deploy a package's module as a service (pins the revision: latest unless --revision).") { name, package };
        spec.AddTo(deploy);
        binder.Bind(deploy, async (session, cancellationToken) =>
        {
            var request = spec.Deploy(session.Parse, session.Value(name), session.Value(package));
            ServiceCommands.Show(session, await session.Client.DeployServiceAsync(session.ProjectId, request, cancellationToken).ConfigureAwait(false));
        });
        services.Add(Examples.Set(
            deploy,
            "faas services deploy hello --package hello-world",
            "faas services deploy tagger --package image-tagger --init model_name=tiny --init threshold=0.5 --replicas 2 --secret OPENAI_KEY"));

        var service = new Argument<string>("service") { Description = "The service name or id." };
        var removeAutoscaler = new Option<bool>("--remove-autoscaler") { Description = "Remove the autoscaler (send --replicas 1 or more along when it is at 0)." };
        var ifMatch = new Option<string?>("--if-match") { Description = "Apply only if the service is still at this ETag ('faas services get' shows it); stale is an error." };
        var update = new Command("update", "Change a service as a new version; what is not given stays as it is.") { service, removeAutoscaler, ifMatch };
        spec.AddTo(update);
        binder.Bind(update, async (session, cancellationToken) =>
        {
            var found = await Resolve.ServiceAsync(session, session.Value(service), cancellationToken).ConfigureAwait(false);
            var request = spec.Update(session.Parse, session.Value(removeAutoscaler));
            ServiceCommands.Show(session, await session.Client.UpdateServiceAsync(session.ProjectId, found.Id, request, session.Value(ifMatch), cancellationToken).ConfigureAwait(false));
        });
        services.Add(Examples.Set(update, "faas services update hello --revision latest --replicas 2", "faas services update hello --remove-autoscaler --replicas 1"));

        var rolledBack = new Argument<string>("service") { Description = "The service name or id." };
        var version = new Option<int>("--version") { Description = "The version whose spec to deploy again ('faas services versions' lists them).", Required = true };
        var rollback = new Command("rollback", "Deploy an earlier version's spec again, as a new version.") { rolledBack, version };
        binder.Bind(rollback, async (session, cancellationToken) =>
        {
            var found = await Resolve.ServiceAsync(session, session.Value(rolledBack), cancellationToken).ConfigureAwait(false);
            ServiceCommands.Show(session, await session.Client.RollbackServiceAsync(session.ProjectId, found.Id, session.Value(version), cancellationToken: cancellationToken).ConfigureAwait(false));
        });
        services.Add(Examples.Set(rollback, "faas services rollback hello --version 1"));
    }
}
