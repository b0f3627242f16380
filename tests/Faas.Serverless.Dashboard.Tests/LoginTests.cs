using System.Text.RegularExpressions;
using Faas.Serverless.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Faas.Serverless.Dashboard.Tests;

[Collection("Dashboard")]
public sealed class LoginTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Login_RefusedKeyThenDeveloperKey_ShowsTheRefusalThenTheProjectsAndSignsOut()
    {
        await using var tab = await fixture.OpenAsync("login");
        var page = tab.Page;

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("#/login$"));
        await page.Locator("#api-key").FillAsync("faas_" + new string('0', 64));
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#login-message")).ToContainTextAsync("This API key was refused");
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('faas.apiKey')"));
        await tab.ScreenshotAsync("refused");

        await page.Locator("#api-key").FillAsync(fixture.Tenant.Key);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("a.project-link")).ToHaveTextAsync(fixture.Tenant.ProjectName);
        await Expect(page.Locator("#who")).ToHaveTextAsync("Dana Developer");
        await tab.ScreenshotAsync("projects");

        await page.Locator("a.project-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#/p/{fixture.Tenant.ProjectId}/services$"));
        await Expect(page.Locator("#nav .project-name")).ToHaveTextAsync(fixture.Tenant.ProjectName);

        await page.Locator("#logout").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/login$"));
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('faas.apiKey')"));
        Assert.Empty(tab.Errors);
    }
}
