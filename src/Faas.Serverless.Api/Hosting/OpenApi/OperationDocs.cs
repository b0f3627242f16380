using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace Faas.Serverless.Api.Hosting.OpenApi;

/// <summary>What the document says about one operation: a summary, an optional description and the problem statuses it answers beyond those every route of its kind can.</summary>
internal sealed record OperationDoc(string Summary, string? Description = null, params int[] Problems);

/// <summary>
/// The summaries and descriptions of the operations, in one table keyed by method and route (as the API maps them),
/// so the endpoint files stay about behaviour. A test fails when a mapped operation has no entry here.
/// </summary>
internal static class OperationDocs
{
    public static OperationDoc? Find(ApiDescription description) => All.GetValueOrDefault(KeyOf(description));

    /// <summary>The method and the path as the document spells it: a group's <c>"/"</c> route leaves no trailing slash there.</summary>
    public static string KeyOf(ApiDescription description) => $"{description.HttpMethod} /{description.RelativePath?.TrimEnd('/')}";

    private static readonly Dictionary<string, OperationDoc> All = new(StringComparer.Ordinal)
    {
        ["GET /api/health"] = new("Check health", "Whether storage answers, and how replicas are isolated (bubblewrap+uid, uid, bubblewrap, none or external). No key needed.", 503),
        ["GET /api/v1/me"] = new("Who am I", "The caller: a user, or `{\"id\": \"admin\", \"isAdmin\": true}` for the admin key."),
        ["POST /api/v1/users"] = new("Create a user", "Admin only. The email is unique.", 409),
        ["GET /api/v1/users"] = new("List users", "Admin only.", 403),
        ["GET /api/v1/users/{userId}"] = new("Get a user", "The user themself, or the admin."),
        ["POST /api/v1/users/{userId}/api-keys"] = new("Issue an API key", "The key is shown once, in this answer; only its SHA-256 hash is stored. The admin, or the user themself."),
        ["GET /api/v1/users/{userId}/api-keys"] = new("List a user's API keys", "Names and ids, never the keys. The user themself, or the admin."),
        ["DELETE /api/v1/users/{userId}/api-keys/{keyId}"] = new("Revoke an API key", "Takes effect at once on this host, and within `Faas:Auth:KeyCacheSeconds` on others."),
        ["POST /api/v1/organizations"] = new("Create an organization", "Admin only."),
        ["GET /api/v1/organizations"] = new("List organizations", "The organizations the caller is a member of (all of them for the admin)."),
        ["GET /api/v1/organizations/{organizationId}"] = new("Get an organization", "Non-members get 404."),
        ["POST /api/v1/organizations/{organizationId}/members"] = new("Add an organization member", "Organization Owners and the admin."),
        ["GET /api/v1/organizations/{organizationId}/members"] = new("List organization members", null),
        ["DELETE /api/v1/organizations/{organizationId}/members/{userId}"] = new("Remove an organization member", "Organization Owners and the admin."),
        ["POST /api/v1/projects"] = new("Create a project", "In an organization the caller is an Owner of; the caller becomes the project's Owner."),
        ["GET /api/v1/projects"] = new("List projects", "The projects the caller is a member of."),
        ["GET /api/v1/projects/{projectId}"] = new("Get a project", "Non-members get 404, as for a project that does not exist."),
        ["GET /api/v1/projects/{projectId}/members"] = new("List project members", null),
        ["POST /api/v1/projects/{projectId}/members"] = new("Add or change a project member", "Sets the role of a member of the project's organization."),
        ["PUT /api/v1/projects/{projectId}/members/{userId}"] = new("Set a project member's role", null),
        ["DELETE /api/v1/projects/{projectId}/members/{userId}"] = new("Remove a project member", null),
        ["POST /api/v1/projects/{projectId}/packages"] = new("Push a package", "multipart/form-data: a `schema` part (the package JSON, `faas.json`) and a `codebase` part (the zip). A push whose content equals the latest revision answers 200 with that revision (`Faas-Push-Result: unchanged`); otherwise 201 with a new revision (`created`). A body of another type is a 400 naming `body`.", 413),
        ["GET /api/v1/projects/{projectId}/packages"] = new("List packages", "`?name=` finds one package by name."),
        ["GET /api/v1/projects/{projectId}/packages/{packageId}"] = new("Get a package", "`?revision=N` reads an earlier revision."),
        ["PATCH /api/v1/projects/{projectId}/packages/{packageId}"] = new("Update a package's schema", "Adds a revision with the new schema and the same codebase."),
        ["DELETE /api/v1/projects/{projectId}/packages/{packageId}"] = new("Delete a package", "Refused with 409 while services use it.", 409),
        ["GET /api/v1/projects/{projectId}/packages/{packageId}/revisions"] = new("List a package's revisions", null),
        ["GET /api/v1/projects/{projectId}/packages/{packageId}/codebase"] = new("Download a codebase", "The zip of the latest revision, or of `?revision=N`."),
        ["POST /api/v1/projects/{projectId}/services"] = new("Create a service", "Deploys a package revision (`latest` is resolved and pinned now) with its runtime, init parameters and retry settings. The service runs as a bot of the project.", 409),
        ["GET /api/v1/projects/{projectId}/services"] = new("List services", null),
        ["GET /api/v1/projects/{projectId}/services/{serviceId}"] = new("Get a service", "Its spec, status, version and ETag."),
        ["PATCH /api/v1/projects/{projectId}/services/{serviceId}"] = new("Update a service", "Fields left out keep their value; a change of spec makes a new version and rolls the replicas. `If-Match` guards against lost updates.", 409),
        ["DELETE /api/v1/projects/{projectId}/services/{serviceId}"] = new("Delete a service", "Accepted (202): replicas drain, then the service is removed.", 409),
        ["GET /api/v1/projects/{projectId}/services/{serviceId}/status"] = new("Get a service's status", "Replicas with their state, and init errors."),
        ["GET /api/v1/projects/{projectId}/services/{serviceId}/versions"] = new("List a service's versions", "Each change of spec is a numbered version; `rollback` returns to one."),
        ["POST /api/v1/projects/{projectId}/services/{serviceId}/rollback"] = new("Roll a service back", "Applies the spec of an earlier version as a new version.", 409),
        ["POST /api/v1/projects/{projectId}/services/{serviceId}/stop"] = new("Stop a service", "Its replicas drain and stop; executions sent to a stopped service are refused with 409.", 409),
        ["POST /api/v1/projects/{projectId}/services/{serviceId}/start"] = new("Start a stopped service", null, 409),
        ["GET /api/v1/projects/{projectId}/services/{serviceId}/bot"] = new("Get a service's bot", "The bot user the service's replicas run as."),
        ["GET /api/v1/projects/{projectId}/services/{serviceId}/events"] = new("List a service's events", "What happened to the service: deploys, replica starts and failures, scaling."),
        ["POST /api/v1/projects/{projectId}/services/{serviceId}/execute"] = new("Execute a function", "Starts an execution (201); with an `Idempotency-Key` seen before, answers the earlier one (200). `?wait=true` waits up to `timeout` seconds for it to finish. `?returnCurlOnly=true` answers the equivalent curl command as text/plain instead.", 409, 413),
        ["GET /api/v1/projects/{projectId}/services/{serviceId}/executions"] = new("List a service's executions", "The same filters as the project's execution list."),
        ["GET /api/v1/projects/{projectId}/executions"] = new("List executions", "Filters: `status`, `functionName`, `triggerId`, `from`, `to`; pages with `pageSize` and `continuationToken`."),
        ["GET /api/v1/projects/{projectId}/executions/{executionId}"] = new("Get an execution", "Its status log, progress, input, output and error. `?waitFor=finished&timeout=N` long-polls until it finishes."),
        ["GET /api/v1/projects/{projectId}/executions/{executionId}/logs"] = new("Read an execution's logs", "A page of captured output lines and the `cursor` for the next; `?follow=true` streams them as JSON lines (application/x-ndjson) until the execution has finished."),
        ["GET /api/v1/projects/{projectId}/executions/{executionId}/orchestration"] = new("Get an execution's orchestration", "The orchestration's state and history, for debugging."),
        ["POST /api/v1/projects/{projectId}/executions/{executionId}/terminate"] = new("Terminate an execution", "The running attempt is told to stop; the execution ends `terminated`.", 409, 503),
        ["POST /api/v1/projects/{projectId}/executions/{executionId}/rerun"] = new("Rerun an execution", "Runs a finished execution again: same id, a new attempt cycle, the history kept. 409 while it is not final.", 409, 503),
        ["POST /api/v1/projects/{projectId}/executions/rerun"] = new("Rerun executions", "Reruns the finished executions a filter selects (`serviceId`, `status`, `functionName`, `triggerId`, `from`, `to`, `limit`)."),
        ["GET /api/v1/projects/{projectId}/dead-letters"] = new("List dead letters", "Executions that failed every attempt, and events that could not be delivered."),
        ["GET /api/v1/projects/{projectId}/dead-letters/{id}"] = new("Get a dead letter", null),
        ["POST /api/v1/projects/{projectId}/dead-letters/{id}/replay"] = new("Replay a dead letter", "Runs the letter's execution again, as a rerun; 409 when the execution is gone or not finished.", 409),
        ["DELETE /api/v1/projects/{projectId}/dead-letters/{id}"] = new("Delete a dead letter", null),
        ["POST /api/v1/projects/{projectId}/triggers"] = new("Create a trigger", "An event trigger (a resource, actions and a DQL filter) or a cron trigger, starting a function of a service. Names are unique per project.", 409),
        ["GET /api/v1/projects/{projectId}/triggers"] = new("List triggers", "With each cron trigger's next fire times."),
        ["GET /api/v1/projects/{projectId}/triggers/{triggerId}"] = new("Get a trigger", null),
        ["PATCH /api/v1/projects/{projectId}/triggers/{triggerId}"] = new("Update a trigger", null, 409),
        ["DELETE /api/v1/projects/{projectId}/triggers/{triggerId}"] = new("Delete a trigger", null),
        ["POST /api/v1/projects/{projectId}/triggers/{triggerId}/activate"] = new("Activate a trigger", null),
        ["POST /api/v1/projects/{projectId}/triggers/{triggerId}/deactivate"] = new("Deactivate a trigger", "An inactive trigger never fires."),
        ["POST /api/v1/projects/{projectId}/events/eventgrid"] = new("Send Event Grid events", "Each event names a resource and an action; matching event triggers start executions. The whole request is checked before any event fires. Accepts the event key (`aeg-sas-key`, `?code=`) or a SAS token made from it, as well as API keys.", 415),
        ["POST /api/v1/projects/{projectId}/events/cloudevents"] = new("Send CloudEvents", "CloudEvents 1.0 in structured, batch or binary mode; otherwise as the Event Grid route.", 415),
        ["OPTIONS /api/v1/projects/{projectId}/events/cloudevents"] = new("CloudEvents webhook handshake", "The abuse-protection handshake: answers `WebHook-Allowed-Origin` for the `WebHook-Request-Origin` sent."),
        ["GET /api/v1/projects/{projectId}/events/key"] = new("Get the project's event key", "For Event Grid publishers (`aeg-sas-key`). Derived from the host's admin key and the project id."),
        ["POST /api/v1/projects/{projectId}/events/token"] = new("Issue an event SAS token", "A SAS token made from the event key, for a publisher that should not hold the key. Default expiry one hour."),
        ["GET /api/v1/projects/{projectId}/secrets"] = new("List secrets", "Names and versions, never the values."),
        ["GET /api/v1/projects/{projectId}/secrets/{name}"] = new("Get a secret's metadata", "Never the value."),
        ["POST /api/v1/projects/{projectId}/secrets/{name}"] = new("Set a secret", "Creates it (201) or replaces its value (200). Services receive secrets as environment variables."),
        ["PUT /api/v1/projects/{projectId}/secrets/{name}"] = new("Set a secret", "The same as POST."),
        ["DELETE /api/v1/projects/{projectId}/secrets/{name}"] = new("Delete a secret", null),
        ["POST /api/v1/projects/{projectId}/bots"] = new("Create a bot", "A bot is a user with the Developer role in this project; its key is shown once, in this answer."),
        ["GET /api/v1/projects/{projectId}/bots"] = new("List bots", null),
        ["DELETE /api/v1/projects/{projectId}/bots/{botId}"] = new("Remove a bot from the project", "Its keys are revoked when it is then in no project; replicas of services running as it are refused at their next call."),
        ["GET /api/v1/projects/{projectId}/services/{serviceId}/runner-spec"] = new("Runner: get the service spec", "What a replica runs: the package revision, module, init parameters and limits. Runner keys only."),
        ["GET /api/v1/projects/{projectId}/services/{serviceId}/runner-secrets"] = new("Runner: get the secrets", "The project's secret values for the replica. Runner keys only."),
        ["PUT /api/v1/projects/{projectId}/services/{serviceId}/replicas/{replicaId}"] = new("Runner: report a replica's state", null),
        ["POST /api/v1/projects/{projectId}/services/{serviceId}/work/lease"] = new("Runner: lease work", "Long poll for queued function calls, up to the replica's free slots."),
        ["POST /api/v1/projects/{projectId}/services/{serviceId}/work/renew"] = new("Runner: renew leases", "Keeps leases alive, and says which were taken back or are to stop."),
        ["POST /api/v1/projects/{projectId}/services/{serviceId}/work/events"] = new("Runner: report events", "Progress, logs, output and completion of leased calls.", 503),
        ["POST /api/v1/projects/{projectId}/services/{serviceId}/work/watch"] = new("Runner: watch for terminations", "Long poll: answers the leases among those sent whose attempt is to stop."),
    };
}
