using Faas.Serverless.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Faas.Serverless.Dashboard.Tests;

/// <summary>The execution page while a real Python call runs: live status, log lines and progress; then the service's charts.</summary>
[Collection("Dashboard")]
public sealed class ExecutionLiveTests(DashboardFixture fixture)
{
    private const int Steps = 8;

    [Fact]
    public async Task ExecutionPage_RunningPrintingFunction_FollowsStatusLogsAndProgressLiveThenChartsIt()
    {
        var project = fixture.Tenant.ProjectId;
        var service = await fixture.PrinterAsync();
        await using var tab = await fixture.OpenAsync("live");
        var page = tab.Page;
        await tab.LoginAsync(fixture.Tenant.Key);

        var started = await fixture.Tenant.Client.ExecuteAsync(project, service.Id, "count", new { steps = Steps });
        await page.GotoAsync($"/#/p/{project}/executions/{started.Id}");
        var status = page.Locator("#execution-status .badge");
        await Expect(status).ToHaveTextAsync("in-progress");
        await Expect(page.Locator("#logs .log-line").First).ToContainTextAsync("line 0");
        Assert.Equal("in-progress", await status.TextContentAsync());
        await Expect(page.Locator("#progress-text")).ToContainTextAsync($"of {Steps}");
        await tab.ScreenshotAsync("1-running");

        await Expect(status).ToHaveTextAsync("success", new() { Timeout = 60_000 });
        await Expect(page.Locator("#logs-state")).ToHaveTextAsync("complete");
        var lines = await page.Locator("#logs .log-line").EvaluateAllAsync<string[]>("lines => lines.map(l => l.textContent)");
        Assert.Equal(Enumerable.Range(0, Steps).Select(i => $"line {i}"), lines.Select(l => l[(l.IndexOf(']', StringComparison.Ordinal) + 2)..]).Where(l => l.StartsWith("line ", StringComparison.Ordinal)));
        await Expect(page.Locator("#progress-bar")).ToHaveAttributeAsync("value", "100");
        await Expect(page.Locator("#progress-text")).ToHaveTextAsync($"100% · step {Steps} of {Steps}");
        var percents = await page.Locator("#timeline .timeline-entry .percent").AllTextContentsAsync();
        Assert.True(percents.Count >= 2, string.Join(", ", percents));
        await Expect(page.Locator("#execution-output")).ToContainTextAsync($"\"counted\": {Steps}");
        await tab.ScreenshotAsync("2-finished");

        await page.Locator("#execution-header a", new() { HasText = "printer" }).ClickAsync();
        await Expect(page.Locator("#chart-per-minute rect.bar-success").First).ToBeVisibleAsync();
        var perMinute = await page.Locator("#chart-per-minute rect.bar-success").EvaluateAllAsync<int[]>("bars => bars.map(b => Number(b.dataset.count))");
        Assert.True(perMinute.Sum() >= 1, string.Join(", ", perMinute));
        await Expect(page.Locator("#chart-latency circle.dot-success").First).ToBeVisibleAsync();
        await Expect(page.Locator("#chart-latency figcaption")).ToContainTextAsync("finished, p50");
        await Expect(page.Locator($"#service-executions a.execution-link")).Not.ToHaveCountAsync(0);
        await tab.ScreenshotAsync("3-service-charts");
        Assert.Empty(tab.Errors);
    }
}
