using System.Text.Json;
using Faas.Serverless.Client.Models;
using Faas.Serverless.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Faas.Serverless.Dashboard.Tests;

[Collection("Dashboard")]
public sealed class TriggersTests(DashboardFixture fixture)
{
    [Fact]
    public async Task TriggersPage_CronAndFiredEventTrigger_ShowsNextFireTimesAndLastFirings()
    {
        var (project, client) = (fixture.Tenant.ProjectId, fixture.Tenant.Client);
        var service = await fixture.PrinterAsync();
        var cron = await client.CreateTriggerAsync(project, new CreateTriggerRequest("nightly-count", "Cron",
            new TriggerSpec(new TriggerOperation(service.Id, "count"), Input: JsonDocument.Parse("""{"steps": 1}""").RootElement, Cron: "0 5 * * *", TimeZone: "UTC")));
        await client.CreateTriggerAsync(project, new CreateTriggerRequest("on-items", "Event",
            new TriggerSpec(new TriggerOperation(service.Id, "tag"), Resource: "Item", Actions: ["Created"], ExecutionMode: "Always")));
        var item = JsonDocument.Parse("""{"id": "item-1", "name": "Ada"}""").RootElement;
        var sent = await client.SendEventsAsync(project, [new CloudEvent("ev-dashboard-1", "/datasets/ds1", "Item.Created", item)]);
        var fired = Assert.Single(Assert.Single(sent.Events).Triggers).ExecutionId!;
        Assert.Equal(ExecutionStatuses.Success, (await client.WaitForExecutionAsync(project, fired, TimeSpan.FromSeconds(60))).Status);

        await using var tab = await fixture.OpenAsync("triggers");
        var page = tab.Page;
        await tab.LoginAsync(fixture.Tenant.Key);
        await page.GotoAsync($"/#/p/{project}/triggers");

        var nightly = page.Locator("tr.trigger-row[data-name='nightly-count']");
        await Expect(nightly).ToContainTextAsync("0 5 * * * (UTC)");
        await Expect(nightly.Locator(".fire-times time")).ToHaveCountAsync(3);
        var shown = await nightly.Locator(".fire-times time").EvaluateAllAsync<string[]>("times => times.map(t => t.getAttribute('datetime'))");
        Assert.Equal(cron.NextFireTimes!.Take(3), shown.Select(t => DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture)));
        await Expect(nightly.Locator(".firings")).ToHaveCountAsync(0);

        var onItems = page.Locator("tr.trigger-row[data-name='on-items']");
        await Expect(onItems).ToContainTextAsync("on events");
        await Expect(onItems.Locator($".firings a[href$='/executions/{fired}'] .badge")).ToHaveTextAsync("success");
        await tab.ScreenshotAsync("triggers");

        await onItems.Locator(".firings a.more").ClickAsync();
        await Expect(page.Locator($"tr.execution-row[data-id='{fired}']")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr.execution-row")).ToHaveCountAsync(1);
        await Expect(page.Locator("#filter-trigger")).ToContainTextAsync("on-items");
        await Expect(page.Locator($"tr.execution-row[data-id='{fired}']")).ToContainTextAsync("on-items");
        Assert.Empty(tab.Errors);
    }
}
