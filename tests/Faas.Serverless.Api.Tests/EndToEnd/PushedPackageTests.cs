using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.EndToEnd;

/// <summary>Tests that start a host with real runners and push the end-to-end package once, before each test.</summary>
public abstract class PushedPackageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    protected EndToEndFactory Factory { get; private set; } = null!;

    protected E2E E2e { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new EndToEndFactory(azurite);
        E2e = await E2E.CreateAsync(Factory);
        await E2e.PushAsync();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
