using System.CommandLine;
using Faas.Serverless.Cli.Hosting;
using Faas.Serverless.Client.Models;
using Spectre.Console;

namespace Faas.Serverless.Cli.Commands;

/// <summary><c>faas services …</c>: deploy and run the lifecycle of a project's services.</summary>
internal static class ServiceCommands
{
    public static Command Create(Binder binder)
    {
        var command = new Command("services", "Services: one module of a package revision, run by replicas.");
        ServiceChangeCommands.AddTo(command, binder);

        var list = new Command("list", "List the project's services.");
        binder.Bind(list, async (session, cancellationToken) =>
        {
            var items = await Resolve.AllAsync(session.Client.ListServicesAsync(session.ProjectId, cancellationToken: cancellationToken)).ConfigureAwait(false);
            session.Print.List(items, ("ID", s => s.Id), ("NAME", s => s.Name), ("PACKAGE", s => $"{s.PackageName} r{s.PackageRevision}"), ("MODULE", s => s.ModuleName), ("VERSION", s => s.Version), ("ACTIVE", s => s.Active), ("REPLICAS", s => s.Runtime.Replicas));
        });
        command.Add(Examples.Set(list, "faas services list"));

        command.Add(Simple(binder, "get", "Show a service's spec.", "faas services get hello -o json", (session, service, _) =>
        {
            Show(session, service);
            return Task.CompletedTask;
        }));
        command.Add(Simple(binder, "status", "Show a service's status and its replicas (init errors included).", "faas services status hello", ShowStatusAsync));
        command.Add(Simple(binder, "pause", "Pause a service: no work is leased and its replicas drain.", "faas services pause hello", async (session, service, cancellationToken) =>
            Show(session, await session.Client.PauseServiceAsync(session.ProjectId, service.Id, cancellationToken: cancellationToken).ConfigureAwait(false))));
        command.Add(Simple(binder, "resume", "Resume a paused service.", "faas services resume hello", async (session, service, cancellationToken) =>
            Show(session, await session.Client.ResumeServiceAsync(session.ProjectId, service.Id, cancellationToken: cancellationToken).ConfigureAwait(false))));
        command.Add(Simple(binder, "delete", "Delete a service and its triggers; its replicas drain first.", "faas services delete hello", async (session, service, cancellationToken) =>
        {
            var deleting = await session.Client.DeleteServiceAsync(session.ProjectId, service.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
            session.Print.Done($"Deleting service {deleting.Name} ({deleting.Id}): its triggers are gone and its replicas drain.", deleting);
        }));
        command.Add(Simple(binder, "versions", "List a service's versions with the spec each deployed.", "faas services versions hello", async (session, service, cancellationToken) =>
        {
            var items = await Resolve.AllAsync(session.Client.ListServiceVersionsAsync(session.ProjectId, service.Id, cancellationToken)).ConfigureAwait(false);
            session.Print.List(items, ("VERSION", v => v.Version), ("REVISION", v => v.Spec.GetProperty("packageRevision")), ("MODULE", v => v.Spec.GetProperty("moduleName")), ("CREATED", v => v.CreatedAt), ("CREATOR", v => v.Creator));
        }));
        command.Add(ServiceLogsCommand.Create(binder));
        return Examples.Set(command, "faas services deploy hello --package hello-world", "faas services status hello", "faas services logs hello -f");
    }

    public static void Show(Session session, Service service) => session.Print.Item(
        service,
        ("ID", service.Id),
        ("Name", service.Name),
        ("Package", $"{service.PackageName} revision {service.PackageRevision}"),
        ("Module", service.ModuleName),
        ("Version", service.Version),
        ("Active", service.Active),
        ("Deleting", service.Deleting),
        ("Replicas", service.Runtime.Replicas),
        ("Concurrency", service.Runtime.Concurrency),
        ("Autoscaler", service.Runtime.Autoscaler is { } a ? $"{a.MinReplicas}-{a.MaxReplicas} replicas, {a.QueueLength} per replica" : null),
        ("Init params", service.InitParams),
        ("Secrets", service.Secrets),
        ("Bot", service.Bot),
        ("Updated", service.UpdatedAt),
        ("ETag", service.ETag));

    /// <summary>A command taking one SERVICE argument (name or id).</summary>
    public static Command Simple(Binder binder, string name, string description, string example, Func<Session, Service, CancellationToken, Task> run)
    {
        var service = new Argument<string>("service") { Description = "The service name or id." };
        var command = new Command(name, description) { service };
        binder.Bind(command, async (session, cancellationToken) =>
            await run(session, await Resolve.ServiceAsync(session, session.Value(service), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false));
        return Examples.Set(command, example);
    }

    private static async Task ShowStatusAsync(Session session, Service service, CancellationToken cancellationToken)
    {
        var status = await session.Client.GetServiceStatusAsync(session.ProjectId, service.Id, cancellationToken).ConfigureAwait(false);
        session.Print.Item(
            status,
            ("Service", $"{service.Name} ({service.Id})"),
            ("Status", status.Status),
            ("Version", status.ServiceVersion),
            ("Replicas", $"{status.ReadyReplicas} ready of {status.DesiredReplicas}"),
            ("Note", status.Note),
            ("Error", status.Error is { } e ? $"{e.Type}: {e.Message}" : null));
        if (!session.Print.IsJson && status.Replicas.Count > 0)
        {
            session.Print.Console.WriteLine();
            session.Print.List(status.Replicas, ("REPLICA", r => r.ReplicaId), ("STATE", r => r.State), ("VERSION", r => r.ServiceVersion), ("PID", r => r.Pid), ("MESSAGE", r => r.Error is { } e ? $"{e.Type}: {e.Message}" : r.Message), ("UPDATED", r => r.UpdatedAt));
        }
    }
}
