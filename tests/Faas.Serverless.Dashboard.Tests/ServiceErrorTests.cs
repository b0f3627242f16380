using Faas.Serverless.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Faas.Serverless.Dashboard.Tests;

/// <summary>A service whose class cannot start: its init error, as the replicas reported it, is on its pages.</summary>
[Collection("Dashboard")]
public sealed class ServiceErrorTests(DashboardFixture fixture)
{
    private const string Main = """
        import faas


        class ServiceRunner(faas.BaseServiceRunner):
            def __init__(self):
                raise ValueError("threshold must be between 0 and 1, got 7.0")

            def run(self):
                return {}
        """;

    [Fact]
    public async Task ServicePage_InitFailingService_ShowsErrorReplicasTracebackAndRefusedRun()
    {
        var project = fixture.Tenant.ProjectId;
        var service = await Packages.PushAndDeployAsync(fixture.Tenant, """{"name": "broken"}""", Main, "broken");
        await using var tab = await fixture.OpenAsync("service-error");
        var page = tab.Page;
        await tab.LoginAsync(fixture.Tenant.Key);

        await page.GotoAsync($"/#/p/{project}/services/{service.Id}");
        await Expect(page.Locator("#service-status .status-line .badge")).ToHaveTextAsync("Error", new() { Timeout = 60_000 });
        var initError = page.Locator("#service-status .init-error");
        await Expect(initError).ToContainTextAsync("ValueError: threshold must be between 0 and 1, got 7.0");
        await Expect(initError.Locator("details pre")).ToContainTextAsync("Traceback");
        await Expect(page.Locator("#service-status .note")).ToContainTextAsync("Init failed 3 times in a row");
        await Expect(page.Locator("tr.replica-row[data-state=Error]").First).ToContainTextAsync("ValueError");

        await page.Locator("#run-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#run-message")).ToContainTextAsync("The service cannot run executions");
        await initError.Locator("details summary").ClickAsync();
        await tab.ScreenshotAsync("service");

        await page.Locator("#nav a", new() { HasText = "Services" }).ClickAsync();
        var row = page.Locator("tr.service-row[data-name='broken']");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Error");
        await Expect(row).ToContainTextAsync("ValueError: threshold must be between 0 and 1");
        await tab.ScreenshotAsync("services");
        Assert.Empty(tab.Errors);
    }
}
