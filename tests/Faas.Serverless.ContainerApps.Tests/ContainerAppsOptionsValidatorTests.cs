using Faas.Serverless.Supervisor;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.ContainerApps.Tests;

public sealed class ContainerAppsOptionsValidatorTests
{
    [Fact]
    public void Validate_LocalProviderWithoutSettings_Skips()
    {
        var result = Validator(RunnerProvider.Local).Validate(null, new ContainerAppsOptions());

        Assert.True(result.Skipped);
    }

    [Fact]
    public void Validate_ContainerAppsWithoutSettings_FailsNamingEachMissingSetting()
    {
        var result = Validator(RunnerProvider.ContainerApps).Validate(null, new ContainerAppsOptions());

        Assert.True(result.Failed);
        foreach (var setting in new[] { "SubscriptionId", "ResourceGroup", "Location", "EnvironmentId", "IdentityId", "DefaultImage", "StorageAccountName", "HostUrl" })
        {
            Assert.Contains($"{ContainerAppsOptions.Section}:{setting}:", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_ContainerAppsWithEverySetting_Succeeds()
    {
        Assert.True(Validator(RunnerProvider.ContainerApps).Validate(null, TestServices.Options).Succeeded);
    }

    private static ContainerAppsOptionsValidator Validator(RunnerProvider provider) =>
        new(Options.Create(new RunnerOptions { Provider = provider }));
}
