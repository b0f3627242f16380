using Faas.Serverless.Cli.Packaging;

namespace Faas.Serverless.Cli.Tests;

public sealed class FaasIgnoreTests
{
    [Theory]
    [InlineData("notes.txt", false, true)]
    [InlineData("docs/notes.txt", false, true)]
    [InlineData("keep.txt", false, false)]
    [InlineData("build", true, true)]
    [InlineData("build", false, false)]
    [InlineData("src/build", true, false)]
    [InlineData("tests/a/b/test_x.py", false, true)]
    [InlineData("main.py", false, false)]
    [InlineData("lib/__pycache__", true, true)]
    [InlineData("lib/x.pyc", false, true)]
    public void IsIgnored_GitignoreStyleRules_MatchLikeGit(string path, bool isFolder, bool ignored)
    {
        var rules = new FaasIgnore(["# comment", "", "*.txt", "!keep.txt", "/build/", "tests/**/test_*.py"]);

        Assert.Equal(ignored, rules.IsIgnored(path, isFolder));
    }
}
