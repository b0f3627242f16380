using Faas.Serverless.Client.Models;
using Faas.Serverless.Testing;
using Microsoft.Playwright;

namespace Faas.Serverless.Dashboard.Tests.Infrastructure;

/// <summary>Azurite, the host on a real port, a tenant and one headless chromium, shared by the dashboard tests.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private DashboardHost? _host;
    private Tenant? _tenant;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Task<Service>? _printer;

    public DashboardHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public Tenant Tenant => _tenant ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _host = new DashboardHost(_azurite);
        _tenant = await Tenant.CreateAsync(_host.BaseUrl);
        _playwright = await Playwright.CreateAsync();
        // As root chromium refuses to start with its sandbox on; the tests only load the loopback host.
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.FindExecutable(),
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>The <see cref="Printer"/> service, deployed by the first test that asks.</summary>
    public Task<Service> PrinterAsync() => LazyInitializer.EnsureInitialized(ref _printer, () => Printer.DeployAsync(Tenant));

    /// <summary>A fresh browser context (its own sessionStorage) on the host.</summary>
    public async Task<DashboardPage> OpenAsync(string testName)
    {
        var context = await (_browser ?? throw new InvalidOperationException("The fixture has not started.")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        return await DashboardPage.CreateAsync(context, testName);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _tenant?.Client.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }
}

[CollectionDefinition("Dashboard")]
public sealed class DashboardCollectionDefinition : ICollectionFixture<DashboardFixture>;
