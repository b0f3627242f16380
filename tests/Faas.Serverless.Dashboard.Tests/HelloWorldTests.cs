using System.IO.Compression;
using System.Text.RegularExpressions;
using Faas.Serverless.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Faas.Serverless.Dashboard.Tests;

/// <summary>A new user's path in the browser only: push samples/hello-world, deploy it, run it, read the result.</summary>
[Collection("Dashboard")]
public sealed class HelloWorldTests(DashboardFixture fixture)
{
    private static readonly LocatorAssertionsToHaveTextOptions UntilActive = new() { Timeout = 90_000 };

    [Fact]
    public async Task PushDeployRun_HelloWorldSample_ReachesSuccessWithTimelineOutputAndListing()
    {
        var project = fixture.Tenant.ProjectId;
        var zip = Path.Combine(Directory.CreateTempSubdirectory("faas-dashboard-zip-").FullName, "hello-world.zip");
        ZipFile.CreateFromDirectory(Repository.Path("samples", "hello-world", "src"), zip);
        await using var tab = await fixture.OpenAsync("hello-world");
        var page = tab.Page;
        await tab.LoginAsync(fixture.Tenant.Key);

        await page.GotoAsync($"/#/p/{project}/packages");
        await page.Locator("#push-schema").SetInputFilesAsync(Repository.Path("samples", "hello-world", "faas.json"));
        await page.Locator("#push-codebase").SetInputFilesAsync(zip);
        await page.Locator("#push-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("hello-world");
        await Expect(page.Locator("tr.revision-row")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Say hello" })).ToBeVisibleAsync();
        await tab.ScreenshotAsync("1-package");

        await page.Locator("#deploy-name").FillAsync("hello");
        await page.Locator("#deploy-form button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#/p/{project}/services/[0-9a-f]{{32}}$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("hello version 1 · hello-world r1");
        await Expect(page.Locator("#service-status .status-line .badge")).ToHaveTextAsync("Active", UntilActive);
        await Expect(page.Locator("tr.replica-row[data-state=Ready]")).ToHaveCountAsync(1);
        await tab.ScreenshotAsync("2-service");
        var serviceId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        await page.Locator("#run-function").SelectOptionAsync("run");
        await page.Locator("#run-input").FillAsync("""{"name": "Ada"}""");
        await page.Locator("#run-form button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#/p/{project}/executions/[0-9a-f]{{32}}$"));
        await Expect(page.Locator("#execution-status .badge")).ToHaveTextAsync("success", new() { Timeout = 60_000 });
        await Expect(page.Locator("#timeline .timeline-entry")).ToHaveCountAsync(3);
        Assert.Equal(["created", "in-progress", "success"], await page.Locator("#timeline .timeline-entry").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.status)"));
        await Expect(page.Locator("#execution-output")).ToContainTextAsync("Hello Ada");
        await Expect(page.Locator("#progress-bar")).ToHaveAttributeAsync("value", "100");
        await Expect(page.Locator("#logs-state")).ToContainTextAsync("complete");
        await tab.ScreenshotAsync("3-execution");
        var executionId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        await page.Locator("#nav a", new() { HasText = "Executions" }).ClickAsync();
        await page.Locator("#filter-status").SelectOptionAsync("success");
        await page.Locator("#execution-filters button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("executions\\?status=success$"));
        await Expect(page.Locator($"tr.execution-row[data-id='{executionId}'] .badge")).ToHaveTextAsync("success");
        await page.GotoAsync($"/#/p/{project}/executions?status=success&serviceId={serviceId}");
        await Expect(page.Locator("tr.execution-row")).ToHaveCountAsync(1);
        await Expect(page.Locator("#filter-service")).ToHaveValueAsync(serviceId);
        await tab.ScreenshotAsync("4-executions");
        await page.GotoAsync($"/#/p/{project}/executions?status=failed&serviceId={serviceId}");
        await Expect(page.Locator("#executions")).ToContainTextAsync("No executions match.");
        Assert.Empty(tab.Errors);
    }
}
