using System.Text.RegularExpressions;

namespace Faas.Serverless.ContainerApps.Tests;

public sealed partial class JobNamesTests
{
    [Theory]
    [InlineData("0199a1b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("a")]
    [InlineData("Service_With.Odd-Characters")]
    public void For_AnyServiceId_IsAValidContainerAppsJobName(string serviceId)
    {
        var name = JobNames.For(serviceId);

        Assert.Matches(ValidJobName(), name);
        Assert.True(name.Length <= 32, $"'{name}' is longer than 32 characters.");
    }

    [Fact]
    public void For_SameId_IsStable()
    {
        Assert.Equal(JobNames.For("0199a1b2c3d4e5f60718293a4b5c6d7e"), JobNames.For("0199a1b2c3d4e5f60718293a4b5c6d7e"));
    }

    [Fact]
    public void For_IdsSharingA31CharacterPrefix_Differ()
    {
        Assert.NotEqual(JobNames.For("0199a1b2c3d4e5f60718293a4b5c6d70"), JobNames.For("0199a1b2c3d4e5f60718293a4b5c6d71"));
    }

    // Container Apps: lower-case letters, digits and single dashes, starting with a letter, ending alphanumeric.
    [GeneratedRegex("^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$")]
    private static partial Regex ValidJobName();
}
