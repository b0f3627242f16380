using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Faas.Serverless.Api.Hosting.OpenApi;

/// <summary>Examples for the bodies a new user writes first: push a package, create a service, execute, create a trigger.</summary>
internal sealed class RequestExampleTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, (string ContentType, (string Name, string Summary, string Json)[] Examples)> Bodies = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/projects/{projectId}/packages"] = ("multipart/form-data",
        [
            ("hello-world", "The schema part of samples/hello-world (the codebase part is its zip)",
                """{"schema": {"name": "hello-world", "modules": [{"name": "default_module", "entryPoint": "main.py", "className": "ServiceRunner", "initInputs": [], "functions": [{"name": "run", "displayName": "Say hello", "input": [{"name": "name", "type": "String"}], "output": []}]}]}, "codebase": "(hello-world.zip)"}"""),
        ]),
        ["POST /api/v1/projects/{projectId}/services"] = ("application/json",
        [
            ("smallest", "The smallest service: the latest revision of a package, defaults for the rest", """{"name": "hello", "packageName": "hello-world"}"""),
            ("every-field", "Every field", """
                {"name": "tagger", "packageName": "image-tagger", "packageRevision": "latest", "moduleName": "default_module",
                 "initParams": {"model_name": "tiny", "threshold": 0.5},
                 "runtime": {"gpu": false, "replicas": 2, "concurrency": 4, "runnerImage": null, "autoscaler": null},
                 "maxAttempts": 5, "executionTimeout": 600, "drainTime": 30, "onReset": "rerun", "bot": null}
                """),
        ]),
        ["POST /api/v1/projects/{projectId}/services/{serviceId}/execute"] = ("application/json",
        [
            ("hello", "Run samples/hello-world's run function", """{"functionName": "run", "input": {"name": "Ada"}}"""),
            ("entity", "An entity input", """{"functionName": "tag", "input": {"item": {"id": "it-1", "name": "dog.jpg"}}}"""),
        ]),
        ["POST /api/v1/projects/{projectId}/triggers"] = ("application/json",
        [
            ("event", "An event trigger: run tag for each new image under /input", """
                {"name": "tag-new-images", "type": "Event", "active": true,
                 "spec": {"resource": "Item", "actions": ["Created"], "filter": {"$and": [{"dir": "/input"}, {"metadata.system.mimetype": "image/*"}]},
                          "executionMode": "Once", "input": {"label": "cat"},
                          "operation": {"type": "function", "serviceId": "01a1fd886d9074cbb5ae21ab9617053f", "functionName": "run"}}}
                """),
            ("cron", "A cron trigger: a report every day at 05:00 Berlin time", """
                {"name": "nightly-report", "type": "Cron",
                 "spec": {"cron": "0 5 * * *", "timeZone": "Europe/Berlin", "catchUp": "FireLatest", "input": {"key": "daily"},
                          "operation": {"type": "function", "serviceId": "01a1fd886d9074cbb5ae21ab9617053f", "functionName": "report"}}}
                """),
        ]),
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (Bodies.TryGetValue(OperationDocs.KeyOf(context.Description), out var body)
            && operation.RequestBody?.Content?.TryGetValue(body.ContentType, out var media) == true)
        {
            media.Examples = body.Examples.ToDictionary(
                example => example.Name,
                example => (IOpenApiExample)new OpenApiExample { Summary = example.Summary, Value = JsonNode.Parse(example.Json) });
        }

        return Task.CompletedTask;
    }
}
