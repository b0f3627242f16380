using System.Text;
using Faas.Serverless.Domain.Triggers.Dql;

namespace Faas.Serverless.Domain.Tests.Triggers.Dql;

public sealed class DqlFilterParseTests
{
    public static TheoryData<string> ValidFilters => new(
        DqlCases.Json("{}"),
        DqlCases.Json("{'a': {}}"),
        DqlCases.Json("{'a': []}"),
        DqlCases.Json("{'a': {'$in': []}}"),
        DqlCases.Json("{'a': {'$nin': [1, 'x*', null, [1], {'b': 2}]}}"),
        DqlCases.Json("{'a': {'$gt': '[x'}}"),
        DqlCases.Json("{'a': ['[x']}"),
        DqlCases.Json("{'a': {'b': '[x'}}"),
        DqlCases.Json("{'a': 'C:\\\\dir'}"),
        DqlCases.Json("{'a': 'x]'}"),
        DqlCases.Json("{'a': {'$not': {'$eq': 1}}}"),
        DqlCases.Json("{'$not': {}}"),
        DqlCases.Json("{'$and': [{}]}"),
        DqlCases.Json("{'a.0.b': 1}"),
        DqlCases.Json("{'a': {'$eq': null}}"),
        DqlCases.Json("{'a': {'$exists': false}}"),
        DqlCases.Json("{'a': {'$gte': true, '$lte': 1e400}}"),
        DqlCases.Json("{'a b': 1, 'é': 2, '0': 3}"),
        DqlCases.Json("{'a': '" + new string('x', 255) + "*'}"),
        DqlCases.Json("{'" + string.Join('.', Enumerable.Repeat("p", DqlLimits.MaxPathSegments)) + "': 1}"));

    [Theory]
    [MemberData(nameof(DqlParseErrorCases.Structure), MemberType = typeof(DqlParseErrorCases))]
    [MemberData(nameof(DqlParseErrorCases.Operators), MemberType = typeof(DqlParseErrorCases))]
    [MemberData(nameof(DqlParseErrorCases.FieldPathsAndLiterals), MemberType = typeof(DqlParseErrorCases))]
    [MemberData(nameof(DqlParseErrorCases.Globs), MemberType = typeof(DqlParseErrorCases))]
    [MemberData(nameof(DqlParseErrorCases.DuplicateKeys), MemberType = typeof(DqlParseErrorCases))]
    public void TryParse_InvalidFilter_ReportsPathAndMessage(string filter, string path, string message)
    {
        var parsed = DqlFilter.TryParse(DqlCases.Element(filter), out var result, out var errors);

        Assert.False(parsed);
        Assert.Null(result);
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ValidFilters))]
    public void TryParse_ValidFilter_ReturnsFilterWithoutErrors(string filter)
    {
        var parsed = DqlFilter.TryParse(DqlCases.Element(filter), out var result, out var errors);

        Assert.True(parsed, string.Join("; ", errors));
        Assert.NotNull(result);
        Assert.Empty(errors);
    }

    [Fact]
    public void TryParse_RootPathGiven_PrefixesEveryErrorPath()
    {
        var filter = DqlCases.Element(DqlCases.Json("{'$and': [{'a': 1}, {'metadata.size': {'$gtt': 1}}]}"));

        Assert.False(DqlFilter.TryParse(filter, "spec.filter", out _, out var errors));

        Assert.Equal("spec.filter.$and[1].metadata.size.$gtt", Assert.Single(errors).Path);
    }

    [Fact]
    public void TryParse_SeveralProblems_ReportsEveryOneInDocumentOrder()
    {
        var filter = DqlCases.Element(DqlCases.Json("{'a': {'$gtt': 1}, 'b..c': {'$in': 1}, '$or': [5], 'd': '[x'}"));

        Assert.False(DqlFilter.TryParse(filter, out _, out var errors));

        Assert.Equal(
            ["filter.a.$gtt", "filter.b..c", "filter.b..c.$in", "filter.$or[0]", "filter.d"],
            errors.Select(error => error.Path));
    }

    [Fact]
    public void Parse_InvalidFilter_ThrowsDqlExceptionWithPathAndAllErrors()
    {
        var filter = DqlCases.Element(DqlCases.Json("{'size': {'$gtt': 1}, 'tags': {'$in': 'x'}}"));

        var exception = Assert.Throws<DqlException>(() => DqlFilter.Parse(filter, "spec.filter"));

        Assert.Equal("spec.filter.size.$gtt", exception.Path);
        Assert.Equal(2, exception.Errors.Count);
        Assert.StartsWith("Invalid DQL filter: spec.filter.size.$gtt: Unknown operator '$gtt'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("; spec.filter.tags.$in: $in needs an array of values, not a string.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DqlException_NoErrors_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => new DqlException([]));

    [Fact]
    public void TryParse_DepthAtLimit_Succeeds() =>
        Assert.True(DqlFilter.TryParse(DqlCases.Element(NestedNots(DqlLimits.MaxDepth - 1)), out _, out _));

    [Fact]
    public void TryParse_DepthOverLimit_ReportsFirstTooDeepContainer()
    {
        Assert.False(DqlFilter.TryParse(DqlCases.Element(NestedNots(DqlLimits.MaxDepth)), out _, out var errors));

        var error = Assert.Single(errors);
        Assert.Equal("filter" + string.Concat(Enumerable.Repeat(".$not", DqlLimits.MaxDepth)), error.Path);
        Assert.Equal("The filter nests objects and arrays more than 32 levels deep.", error.Message);
    }

    [Fact]
    public void TryParse_DeepArraysInLiteral_ReportsIndexedPath()
    {
        var json = "{\"a\": " + new string('[', DqlLimits.MaxDepth) + new string(']', DqlLimits.MaxDepth) + "}";

        Assert.False(DqlFilter.TryParse(DqlCases.Element(json), out _, out var errors));

        Assert.Equal("filter.a" + string.Concat(Enumerable.Repeat("[0]", DqlLimits.MaxDepth - 1)), Assert.Single(errors).Path);
    }

    [Fact]
    public void TryParse_NodesAtLimit_Succeeds() =>
        Assert.True(DqlFilter.TryParse(DqlCases.Element(LongIn(DqlLimits.MaxNodes - 3)), out _, out _));

    [Fact]
    public void TryParse_NodesOverLimit_ReportsSizeAtRoot()
    {
        Assert.False(DqlFilter.TryParse(DqlCases.Element(LongIn(DqlLimits.MaxNodes - 2)), "spec.filter", out _, out var errors));

        var error = Assert.Single(errors);
        Assert.Equal("spec.filter", error.Path);
        Assert.StartsWith("The filter has more than 1000 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_PathOverSegmentLimit_ReportsPath()
    {
        var path = string.Join('.', Enumerable.Repeat("p", DqlLimits.MaxPathSegments + 1));

        Assert.False(DqlFilter.TryParse(DqlCases.Element("{\"" + path + "\": 1}"), out _, out var errors));

        Assert.Equal($"Field path '{path}' has more than 32 segments.", Assert.Single(errors).Message);
    }

    /// <summary>{"$not": … {"a": 1} …}: the innermost object sits at depth <paramref name="count"/> + 1.</summary>
    private static string NestedNots(int count)
    {
        var json = new StringBuilder();
        json.Insert(0, "{\"$not\": ", count).Append("{\"a\": 1}").Append('}', count);
        return json.ToString();
    }

    /// <summary>Root object, operator object and array, plus <paramref name="values"/> numbers.</summary>
    private static string LongIn(int values) =>
        "{\"a\": {\"$in\": [" + string.Join(", ", Enumerable.Range(0, values)) + "]}}";
}
