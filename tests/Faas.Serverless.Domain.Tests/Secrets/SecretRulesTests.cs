using Faas.Serverless.Domain.Secrets;

namespace Faas.Serverless.Domain.Tests.Secrets;

public sealed class SecretRulesTests
{
    [Theory]
    [InlineData("OPENAI_KEY")]
    [InlineData("_PRIVATE")]
    [InlineData("A")]
    public void NameProblem_ValidName_None(string name) => Assert.Null(SecretRules.NameProblem(name));

    [Theory]
    [InlineData("openai_key")]
    [InlineData("9LIVES")]
    [InlineData("WITH-DASH")]
    [InlineData("")]
    public void NameProblem_InvalidName_Refused(string name) => Assert.NotNull(SecretRules.NameProblem(name));

    [Fact]
    public void NameProblem_NameOf129Characters_Refused() => Assert.NotNull(SecretRules.NameProblem(new string('A', 129)));

    [Theory]
    [InlineData("PATH")]
    [InlineData("HOME")]
    [InlineData("FAAS_SERVICE_ID")]
    [InlineData("PYTHONPATH")]
    [InlineData("LD_PRELOAD")]
    public void NameProblem_PlatformVariable_Reserved(string name) => Assert.Contains("reserved", SecretRules.NameProblem(name), StringComparison.Ordinal);

    [Fact]
    public void ValueProblem_MultiByteValueOverLimit_RefusedWithoutQuotingIt()
    {
        var value = new string('é', (SecretRules.MaxValueBytes / 2) + 1);

        var problem = SecretRules.ValueProblem(value);

        Assert.NotNull(problem);
        Assert.DoesNotContain("é", problem, StringComparison.Ordinal);
    }
}
