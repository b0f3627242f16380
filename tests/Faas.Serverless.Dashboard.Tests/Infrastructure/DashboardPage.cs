using Microsoft.Playwright;

namespace Faas.Serverless.Dashboard.Tests.Infrastructure;

/// <summary>
/// One browser tab on the dashboard. It records uncaught script errors and console errors (other than the browser's
/// own note on a refused request, which the login test causes on purpose), and saves screenshots under
/// TestResults/screenshots/{test}-{step}.png.
/// </summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _testName;
    private readonly List<string> _errors = [];

    private DashboardPage(IBrowserContext context, IPage page, string testName)
    {
        _context = context;
        Page = page;
        _testName = testName;
        page.PageError += (_, error) => _errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _errors.Add(message.Text);
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors => _errors;

    public static async Task<DashboardPage> CreateAsync(IBrowserContext context, string testName)
    {
        context.SetDefaultTimeout(15_000);
        return new DashboardPage(context, await context.NewPageAsync(), testName);
    }

    /// <summary>Signs in through the login form and waits for the project list.</summary>
    public async Task LoginAsync(string key)
    {
        await Page.GotoAsync("/");
        await Page.Locator("#api-key").FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.Locator("a.project-link").First.WaitForAsync();
    }

    public async Task<string> ScreenshotAsync(string step)
    {
        var path = Path.Combine(Repository.ScreenshotsDir, $"{_testName}-{step}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
