using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Faas.Serverless.Orchestrations.Durable;
using Microsoft.Extensions.Configuration;

namespace Faas.Serverless.Bench;

/// <summary>
/// The platform's own Durable Task settings for the bare run: host.json <c>extensions.durableTask</c> bound to
/// <see cref="DurableTaskOptions"/> and checked by its validation rules, as the host does at start-up; only the hub
/// name differs, so the bare run never touches the platform's task hub.
/// </summary>
internal static class PlatformDurableTaskOptions
{
    private const string HostJsonSection = "extensions:durableTask";

    /// <summary>camelCase, as host.json spells the keys; TimeSpans as "c" strings.</summary>
    private static readonly JsonSerializerOptions HostJsonNames = new(JsonSerializerDefaults.Web);

    public static DurableTaskOptions Read(string hostJsonPath, string hubName)
    {
        var section = new ConfigurationBuilder().AddJsonFile(hostJsonPath, optional: false, reloadOnChange: false).Build().GetSection(HostJsonSection);
        if (!section.Exists())
        {
            throw new InvalidOperationException($"{hostJsonPath} has no extensions.durableTask block: the bare Durable Task run takes the platform's settings from it.");
        }

        var options = (section.Get<DurableTaskOptions>() ?? new DurableTaskOptions()) with { HubName = hubName };
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
        {
            throw new InvalidOperationException($"{hostJsonPath} extensions.durableTask is invalid: {string.Join(" ", errors.Select(e => e.ErrorMessage))}");
        }

        return options;
    }

    /// <summary>Every bound value under its host.json key (<c>storageProvider.leaseInterval</c>), the hub name apart.</summary>
    public static IReadOnlyDictionary<string, string> Applied(DurableTaskOptions options)
    {
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(JsonSerializer.SerializeToNode(options, HostJsonNames)!.AsObject(), "", applied);
        applied.Remove("hubName");
        return applied;
    }

    private static void Flatten(JsonObject node, string prefix, Dictionary<string, string> applied)
    {
        foreach (var (key, value) in node)
        {
            if (value is JsonObject child)
            {
                Flatten(child, $"{prefix}{key}.", applied);
            }
            else
            {
                applied[prefix + key] = value?.ToString() ?? "null";
            }
        }
    }
}
