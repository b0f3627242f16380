using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Faas.Serverless.Api.Tests.EndToEnd;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Stores;
using Faas.Serverless.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Api.Tests.Edges;

/// <summary>
/// Large inputs, outputs and logs through real runners and real Python code: inputs and outputs above the inline
/// size live in blobs (queue messages and rows hold a name), and the host's limits hold whatever the runner sends.
/// </summary>
[Collection("Azurite")]
public sealed class PayloadSizeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int MaxLogBytes = 4096;
    private const int MaxOutputBytes = 6 * 1024 * 1024;

    private const string Main = """
        import hashlib

        import faas


        class ServiceRunner(faas.BaseServiceRunner):
            def digest(self, data: str):
                return {"length": len(data), "sha256": hashlib.sha256(data.encode("utf-8")).hexdigest()}

            def big(self, size: int):
                return {"blob": "x" * size}

            def chatty(self, lines: int):
                for i in range(lines):
                    print(f"line {i:04d} " + "y" * 90)
                return {"printed": lines}
        """;

    private EndToEndFactory _factory = null!;
    private E2E _e2e = null!;
    private string _serviceId = null!;

    public async Task InitializeAsync()
    {
        _factory = new EndToEndFactory(azurite, new Dictionary<string, string?>
        {
            ["Faas:Executions:Limits:MaxInputBytes"] = (4 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Faas:Executions:Limits:MaxOutputBytes"] = MaxOutputBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Faas:Executions:Limits:MaxLogBytes"] = MaxLogBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _e2e = await E2E.CreateAsync(_factory);
        using var push = await Codebases.PushAsync(_e2e.Client, ProjectId, Schema(), Codebases.Zip(("main.py", Main)));
        Assert.True(push.StatusCode == HttpStatusCode.Created, await push.Content.ReadAsStringAsync());
        _serviceId = await _e2e.DeployAsync(new { name = "sizes", packageName = "sizes", maxAttempts = 1 });
        await _e2e.WaitForStatusAsync(_serviceId, "Active");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private string ProjectId => _e2e.Project.Split('/')[^1];

    [Fact]
    public async Task Execute_2MbInput_IsStoredInABlobAndDeliveredIntact()
    {
        var data = string.Concat(Enumerable.Range(0, 2 * 1024 * 1024 / 16).Select(i => i.ToString("x15", System.Globalization.CultureInfo.InvariantCulture) + "\n"));

        var execution = await _e2e.ExecuteAsync(_serviceId, "digest", new { data }, wait: true);

        Assert.Equal("success", execution.GetProperty("latestStatus").GetProperty("status").GetString());
        var output = execution.GetProperty("output");
        Assert.Equal(data.Length, output.GetProperty("length").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(data))), output.GetProperty("sha256").GetString());
        Assert.Equal(data, execution.GetProperty("input").GetProperty("data").GetString());
        var record = await Services.GetRequiredService<IExecutionStore>().GetAsync(execution.GetProperty("id").GetString()!);
        Assert.Equal(PayloadNames.Input, record!.Info.InputBlob);
        Assert.Empty(record.Info.Input);
    }

    [Fact]
    public async Task Execute_5MbOutput_RoundTripsThroughABlob()
    {
        const int size = 5 * 1024 * 1024;

        var created = await _e2e.ExecuteAsync(_serviceId, "big", new { size });
        var id = created.GetProperty("id").GetString()!;
        var finished = await _e2e.WaitForFinishAsync(id);
        var again = await _e2e.Client.GetFromJsonAsync<JsonElement>($"{_e2e.Project}/executions/{id}");

        Assert.Equal("success", finished.GetProperty("latestStatus").GetProperty("status").GetString());
        Assert.Equal(new string('x', size), again.GetProperty("output").GetProperty("blob").GetString());
        var record = await Services.GetRequiredService<IExecutionStore>().GetAsync(id);
        Assert.Null(record!.State.Output);
        var blob = await Services.GetRequiredService<StoreTables>().Payloads.GetBlobClient($"{id}/{record.State.OutputBlob}").GetPropertiesAsync();
        Assert.InRange(blob.Value.ContentLength, size, size + 100);
    }

    [Fact]
    public async Task Execute_OutputAboveTheLimit_FailsWithOutputTooLarge()
    {
        var created = await _e2e.ExecuteAsync(_serviceId, "big", new { size = MaxOutputBytes + 1 });

        var finished = await _e2e.WaitForFinishAsync(created.GetProperty("id").GetString()!);

        Assert.Equal("failed", finished.GetProperty("latestStatus").GetProperty("status").GetString());
        Assert.Equal("OutputTooLarge", finished.GetProperty("latestStatus").GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Execute_LogsAboveTheLimit_AreCutWithOneTruncationLine()
    {
        const int printed = 300;
        var execution = await _e2e.ExecuteAsync(_serviceId, "chatty", new { lines = printed }, wait: true);
        var id = execution.GetProperty("id").GetString()!;

        List<string> lines = [];
        await Eventually.TrueAsync(async () => (lines = await ReadAllLogsAsync(id)).Count > 0 && lines[^1].StartsWith("[truncated: ", StringComparison.Ordinal) && Dropped(lines[^1]) + lines.Count - 1 >= printed);

        var kept = lines.Where(line => line.StartsWith("line ", StringComparison.Ordinal)).ToList();
        Assert.InRange(kept.Sum(line => Encoding.UTF8.GetByteCount(line)), 1, MaxLogBytes);
        // Printed within a millisecond or two, the lines still read in the order they were printed.
        Assert.Equal(Enumerable.Range(0, kept.Count).Select(i => $"line {i:D4} " + new string('y', 90)), kept);
        var truncation = lines[^1];
        Assert.Matches(@"^\[truncated: \d+ lines dropped\]$", truncation);
        Assert.Equal(printed, kept.Count + Dropped(truncation));
    }

    private static int Dropped(string truncation) => int.Parse(truncation.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

    private IServiceProvider Services => _factory.Api.Services;

    private async Task<List<string>> ReadAllLogsAsync(string executionId)
    {
        var lines = new List<string>();
        string? cursor = null;
        while (true)
        {
            var page = await _e2e.Client.GetFromJsonAsync<JsonElement>($"{_e2e.Project}/executions/{executionId}/logs{(cursor is null ? string.Empty : "?cursor=" + Uri.EscapeDataString(cursor))}");
            var batch = page.GetProperty("lines").EnumerateArray().Select(line => line.GetProperty("message").GetString()!.TrimEnd('\n')).ToList();
            if (batch.Count == 0)
            {
                return lines;
            }

            lines.AddRange(batch);
            cursor = page.GetProperty("cursor").GetString();
        }
    }

    private static object Schema() => new
    {
        name = "sizes",
        modules = new[]
        {
            new
            {
                name = "default_module",
                entryPoint = "main.py",
                className = "ServiceRunner",
                functions = new object[]
                {
                    new { name = "digest", input = new[] { new { name = "data", type = "String" } } },
                    new { name = "big", input = new[] { new { name = "size", type = "Integer" } } },
                    new { name = "chatty", input = new[] { new { name = "lines", type = "Integer" } } },
                },
            },
        },
    };
}
