using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Serverless.Domain.Services;

// The body of a create or update as the user sent it: every field may be absent, so that an update changes
// only what it names and a create can tell "absent" (default) from "invalid".

public sealed record ServiceRequest
{
    public string? Name { get; init; }

    public string? PackageName { get; init; }

    public string? PackageId { get; init; }

    /// <summary>"latest" or a revision number, resolved and pinned when the request is applied.</summary>
    public JsonElement? PackageRevision { get; init; }

    public string? ModuleName { get; init; }

    public Dictionary<string, JsonElement>? InitParams { get; init; }

    public RuntimeRequest? Runtime { get; init; }

    public int? MaxAttempts { get; init; }

    public int? ExecutionTimeout { get; init; }

    public int? DrainTime { get; init; }

    public string? OnReset { get; init; }

    /// <summary>The bot user the service runs as; a new bot is made when a create names none.</summary>
    public string? Bot { get; init; }

    /// <summary>Names of project secrets its workers get; absent keeps the current list, <c>[]</c> clears it.</summary>
    public List<string>? Secrets { get; init; }
}

public sealed record RuntimeRequest
{
    public bool? Gpu { get; init; }

    public int? Replicas { get; init; }

    public int? Concurrency { get; init; }

    public string? RunnerImage { get; init; }

    /// <summary>Replaces the autoscaler as a whole; sent as null it removes it, and absent it keeps it.</summary>
    public AutoscalerSpec? Autoscaler
    {
        get;
        init
        {
            field = value;
            AutoscalerSent = true;
        }
    }

    /// <summary>Whether the body named <see cref="Autoscaler"/>, as null too: JSON's null and absent mean different things here.</summary>
    [JsonIgnore]
    public bool AutoscalerSent { get; private init; }
}
