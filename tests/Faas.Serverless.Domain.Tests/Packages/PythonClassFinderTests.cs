using Faas.Serverless.Domain.Packages;

namespace Faas.Serverless.Domain.Tests.Packages;

public sealed class PythonClassFinderTests
{
    [Theory]
    [InlineData("class ServiceRunner(dl.BaseServiceRunner):\n    pass\n", "ServiceRunner")]
    [InlineData("class ServiceRunner:\n    pass", "ServiceRunner")]
    [InlineData("class ServiceRunner", "ServiceRunner")]
    [InlineData("class  \tSpaced ( Base ) :\n", "Spaced")]
    [InlineData("class Generic[T]:\n", "Generic")]
    [InlineData("import os\n\n@dataclass\nclass A:\n    x: int\n\nclass B(A):\n    pass\n", "A,B")]
    [InlineData("class A:\r\n    pass\r\nclass B:\r\n", "A,B")]
    [InlineData("class A:\rclass B:\r", "A,B")]
    [InlineData("\uFEFFclass Bom:\n", "Bom")]
    [InlineData("class A:\n    pass\nclass A:\n    pass\n", "A")]
    [InlineData("class _Private:\n", "_Private")]
    [InlineData("class Ünïcode:\n", "Ünïcode")]
    public void FindTopLevelClasses_ClassStatements_ReturnsNames(string source, string expected) =>
        Assert.Equal(expected.Split(','), PythonClassFinder.FindTopLevelClasses(source));

    [Theory]
    [InlineData("")]
    [InlineData("# class Commented:\n")]
    [InlineData("x = 1  # class Trailing:\n")]
    [InlineData("    class Nested:\n")]
    [InlineData("\tclass Tabbed:\n")]
    [InlineData("def f():\n    class Local:\n        pass\n")]
    [InlineData("if True:\n    class Conditional:\n        pass\n")]
    [InlineData("classify = 1\n")]
    [InlineData("class_ = 2\n")]
    [InlineData("class 1Bad:\n")]
    [InlineData("class\n")]
    [InlineData("\"\"\"\nclass InDocstring:\n\"\"\"\n")]
    [InlineData("'''\nclass InSingleQuotedDocstring:\n'''\n")]
    [InlineData("x = '''a ''' '''\nclass StillInString:\n'''\n")]
    [InlineData("x = 1 + \\\nclass Continued:\n")]
    [InlineData("x = 1 + \\\r\nclass ContinuedCrLf:\n")]
    [InlineData("s = \"\"\"He said \\\"\"\"\nclass EscapedQuote:\n\"\"\"\n")]
    public void FindTopLevelClasses_NoTopLevelClassStatement_ReturnsEmpty(string source) =>
        Assert.Empty(PythonClassFinder.FindTopLevelClasses(source));

    [Theory]
    [InlineData("x = '\"\"\"'\nclass AfterQuotedTripleQuote:\n", "AfterQuotedTripleQuote")]
    [InlineData("x = \"# not a comment\"\nclass AfterHashInString:\n", "AfterHashInString")]
    [InlineData("x = ''\nclass AfterEmptyString:\n", "AfterEmptyString")]
    [InlineData("x = 'unterminated\nclass AfterUnterminated:\n", "AfterUnterminated")]
    [InlineData("\"\"\"doc\"\"\"\nclass AfterDocstring:\n", "AfterDocstring")]
    [InlineData("# comment with ''' quotes\nclass AfterCommentQuotes:\n", "AfterCommentQuotes")]
    [InlineData("x = r'\\'' \nclass AfterRawEscape:\n", "AfterRawEscape")]
    public void FindTopLevelClasses_StringsAndCommentsBefore_DoNotHideLaterClasses(string source, string expected) =>
        Assert.Equal([expected], PythonClassFinder.FindTopLevelClasses(source));
}
