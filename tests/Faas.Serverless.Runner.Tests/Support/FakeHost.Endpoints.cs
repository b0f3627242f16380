using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Faas.Serverless.Runner.Tests.Support;

public sealed partial class FakeHost
{
    private void MapEndpoints(WebApplication app)
    {
        app.MapGet("/codebase/{sha}", (string sha) =>
        {
            CodebaseDownloads++;
            return Results.Bytes(CodebaseZip, "application/zip");
        });
        var api = app.MapGroup($"/api/v1/projects/{ProjectId}/services/{ServiceId}");
        api.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.Headers.Authorization == $"Bearer {Token}" ? await next(context) : Results.Unauthorized());
        api.AddEndpointFilter(async (context, next) =>
        {
            if (!Unavailable)
            {
                return await next(context);
            }

            lock (_sync)
            {
                _refusedPaths.Add(context.HttpContext.Request.Path.Value ?? string.Empty);
            }

            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        api.MapGet("/runner-spec", () => Json(Spec));
        api.MapPut("/replicas/{replicaId}", async (string replicaId, HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            lock (_sync)
            {
                _replicaReports.Add(body);
            }

            return Results.NoContent();
        });
        api.MapPost("/work/lease", LeaseAsync);
        api.MapPost("/work/renew", RenewAsync);
        api.MapPost("/work/events", EventsAsync);
    }

    private async Task<IResult> LeaseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request);
        var maxItems = (int)body["maxItems"]!;
        if (maxItems is < 1 or > 32)
        {
            return Results.BadRequest();
        }

        lock (_sync)
        {
            _leaseMaxItems.Add(maxItems);
        }

        var deadline = DateTime.UtcNow.AddSeconds(Math.Min((int)body["waitSeconds"]!, 30));
        while (!cancellationToken.IsCancellationRequested)
        {
            var items = new JsonArray();
            lock (_sync)
            {
                while (items.Count < maxItems && _queue.TryDequeue(out var item))
                {
                    var leaseId = NewLeaseId();
                    _leasesById[leaseId] = new FakeLease((string)item["executionId"]!, (int)item["attempt"]!, leaseId);
                    item["leaseId"] = leaseId;
                    item["leaseSeconds"] = LeaseSeconds;
                    items.Add(item);
                    _held++;
                    MaxHeld = Math.Max(MaxHeld, _held);
                }
            }

            if (items.Count > 0 || DateTime.UtcNow >= deadline)
            {
                return Json(new JsonObject { ["items"] = items });
            }

            await Task.Delay(20, CancellationToken.None);
        }

        return Json(new JsonObject { ["items"] = new JsonArray() });
    }

    private async Task<IResult> RenewAsync(HttpRequest request)
    {
        var body = await ReadAsync(request);
        var answers = new JsonArray();
        lock (_sync)
        {
            var ids = body["leaseIds"]!.AsArray().Select(n => (string)n!).ToList();
            _renewBatchSizes.Add(ids.Count);
            foreach (var id in ids)
            {
                if (!_leasesById.TryGetValue(id, out var lease) || lease.Ended || lease.CurrentId != id || LoseOnRenew.Remove(lease.ExecutionId))
                {
                    if (lease is { Ended: false })
                    {
                        lease.Ended = true;
                        _held--;
                    }

                    answers.Add(new JsonObject { ["leaseId"] = id, ["renewedLeaseId"] = null, ["terminate"] = false, ["lost"] = true });
                    continue;
                }

                var next = NewLeaseId();
                lease.CurrentId = next;
                _leasesById[next] = lease;
                answers.Add(new JsonObject
                {
                    ["leaseId"] = id,
                    ["renewedLeaseId"] = next,
                    ["terminate"] = TerminateRequested.Contains(lease.ExecutionId),
                    ["lost"] = false,
                });
            }
        }

        return Json(new JsonObject { ["leases"] = answers });
    }

    private async Task<IResult> EventsAsync(HttpRequest request)
    {
        var body = await ReadAsync(request);
        lock (_sync)
        {
            foreach (var node in body["events"]!.AsArray())
            {
                var e = node!.AsObject();
                if (!_eventIds.Add((string)e["eventId"]!))
                {
                    continue;
                }

                _events.Add((JsonObject)e.DeepClone());
                var leaseId = (string?)e["leaseId"] ?? string.Empty;
                if (!_leasesById.TryGetValue(leaseId, out var lease) || lease.CurrentId != leaseId)
                {
                    StaleLeaseEvents++;
                    continue;
                }

                if ((string?)e["type"] is "succeeded" or "failed" or "released" && !lease.Ended)
                {
                    lease.Ended = true;
                    _held--;
                }
            }
        }

        return Results.Accepted();
    }

    private static async Task<JsonObject> ReadAsync(HttpRequest request) =>
        (await JsonNode.ParseAsync(request.Body))!.AsObject();

    private static IResult Json(JsonNode node) => Results.Content(node.ToJsonString(), "application/json");

    private static string NewLeaseId() => Guid.NewGuid().ToString("N");
}
