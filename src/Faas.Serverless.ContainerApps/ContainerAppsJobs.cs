using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Faas.Serverless.ContainerApps;

/// <summary>Microsoft.App/jobs through Azure Resource Manager's REST API: read, create or replace, delete.</summary>
internal sealed class ContainerAppsJobs
{
    public const string ApiVersion = "2025-01-01";
    private readonly HttpPipeline _pipeline;
    private readonly ContainerAppsOptions _options;

    public ContainerAppsJobs(HttpPipeline pipeline, ContainerAppsOptions options)
    {
        _pipeline = pipeline;
        _options = options;
    }

    /// <summary>A pipeline that authenticates with <paramref name="credential"/> for Resource Manager; <paramref name="transport"/> replaces HTTP in tests.</summary>
    public static ContainerAppsJobs Create(ContainerAppsOptions options, TokenCredential credential, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new ResourceManagerPipelineOptions();
        if (transport is not null)
        {
            clientOptions.Transport = transport;
        }

        var scope = $"{options.ManagementEndpoint.TrimEnd('/')}/.default";
        return new ContainerAppsJobs(HttpPipelineBuilder.Build(clientOptions, new BearerTokenAuthenticationPolicy(credential, scope)), options);
    }

    /// <summary>The job's tags, or null when there is no such job.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> GetTagsAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(RequestMethod.Get, name, null, cancellationToken);
        if (response.Status == 404)
        {
            return null;
        }

        EnsureSuccess(response);
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        return document.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object
            ? tags.EnumerateObject().ToDictionary(tag => tag.Name, tag => tag.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>Creates or replaces the job; Resource Manager finishes provisioning it in the background.</summary>
    public async Task PutAsync(string name, JsonObject body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var response = await SendAsync(RequestMethod.Put, name, BinaryData.FromString(body.ToJsonString()), cancellationToken);
        EnsureSuccess(response);
    }

    /// <summary>Deletes the job; true once it is gone, false while Resource Manager is still deleting it.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(RequestMethod.Delete, name, null, cancellationToken);
        if (response.Status == 404)
        {
            return true;
        }

        EnsureSuccess(response);
        return response.Status != 202;
    }

    public Uri JobUri(string name) =>
        new($"{_options.ManagementEndpoint.TrimEnd('/')}/subscriptions/{Uri.EscapeDataString(_options.SubscriptionId)}/resourceGroups/{Uri.EscapeDataString(_options.ResourceGroup)}/providers/Microsoft.App/jobs/{Uri.EscapeDataString(name)}?api-version={ApiVersion}");

    private async Task<Response> SendAsync(RequestMethod method, string name, BinaryData? body, CancellationToken cancellationToken)
    {
        using var request = _pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(JobUri(name));
        request.Headers.Add(HttpHeader.Names.Accept, "application/json");
        if (body is not null)
        {
            request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
            request.Content = RequestContent.Create(body);
        }

        return await _pipeline.SendRequestAsync(request, cancellationToken);
    }

    private static void EnsureSuccess(Response response)
    {
        if (response.Status is < 200 or >= 300)
        {
            throw new RequestFailedException(response);
        }
    }

    private sealed class ResourceManagerPipelineOptions : ClientOptions;
}
