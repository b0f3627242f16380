using Faas.Serverless.Domain.Packages;

namespace Faas.Serverless.Domain.Tests.Packages;

public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("default_package", true)]
    [InlineData("a", true)]
    [InlineData("7zip", true)]
    [InlineData("my-package.v2", true)]
    [InlineData("Face_Detector-1.0", true)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("-leading-dash", false)]
    [InlineData("_leading_underscore", false)]
    [InlineData(".hidden", false)]
    [InlineData("with space", false)]
    [InlineData("slash/name", false)]
    [InlineData("ünicode", false)]
    public void IsValidName_Name_FollowsPackageNameRule(string? name, bool expected) =>
        Assert.Equal(expected, Identifiers.IsValidName(name));

    [Fact]
    public void IsValidName_LengthLimit_Is100()
    {
        Assert.True(Identifiers.IsValidName(new string('a', 100)));
        Assert.False(Identifiers.IsValidName(new string('a', 101)));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("_private")]
    [InlineData("ServiceRunner")]
    [InlineData("item2")]
    [InlineData("match")]
    public void PythonIdentifierProblem_ValidIdentifier_ReturnsNull(string name) =>
        Assert.Null(Identifiers.PythonIdentifierProblem(name));

    [Theory]
    [InlineData("", "valid Python identifier")]
    [InlineData("2fast", "valid Python identifier")]
    [InlineData("run-it", "valid Python identifier")]
    [InlineData("with space", "valid Python identifier")]
    [InlineData("naïve", "valid Python identifier")]
    [InlineData("class", "keyword")]
    [InlineData("None", "keyword")]
    [InlineData("await", "keyword")]
    public void PythonIdentifierProblem_InvalidIdentifier_ExplainsWhy(string name, string expected) =>
        Assert.Contains(expected, Identifiers.PythonIdentifierProblem(name), StringComparison.Ordinal);

    [Fact]
    public void PythonIdentifierProblem_TooLong_ExplainsLimit() =>
        Assert.Contains("100", Identifiers.PythonIdentifierProblem(new string('x', 101)), StringComparison.Ordinal);
}
