using Faas.Serverless.Domain.Triggers.Dql;

namespace Faas.Serverless.Domain.Tests.Triggers.Dql;

public sealed class DqlFilterMatchesTests
{
    [Theory]
    [MemberData(nameof(DqlEqualityCases.Numbers), MemberType = typeof(DqlEqualityCases))]
    [MemberData(nameof(DqlEqualityCases.Strings), MemberType = typeof(DqlEqualityCases))]
    [MemberData(nameof(DqlEqualityCases.BooleansAndNull), MemberType = typeof(DqlEqualityCases))]
    [MemberData(nameof(DqlEqualityCases.ObjectsAndArrays), MemberType = typeof(DqlEqualityCases))]
    public void Matches_Equality_ReturnsExpected(string filter, string resource, bool expected) =>
        AssertMatches(filter, resource, expected);

    [Theory]
    [MemberData(nameof(DqlOperatorCases.NotEqual), MemberType = typeof(DqlOperatorCases))]
    [MemberData(nameof(DqlOperatorCases.InAndNotIn), MemberType = typeof(DqlOperatorCases))]
    [MemberData(nameof(DqlOperatorCases.Exists), MemberType = typeof(DqlOperatorCases))]
    [MemberData(nameof(DqlOperatorCases.Ordering), MemberType = typeof(DqlOperatorCases))]
    [MemberData(nameof(DqlOperatorCases.MixedTypesAndMissing), MemberType = typeof(DqlOperatorCases))]
    public void Matches_Operator_ReturnsExpected(string filter, string resource, bool expected) =>
        AssertMatches(filter, resource, expected);

    [Theory]
    [MemberData(nameof(DqlDateCases.Equality), MemberType = typeof(DqlDateCases))]
    [MemberData(nameof(DqlDateCases.Ordering), MemberType = typeof(DqlDateCases))]
    [MemberData(nameof(DqlDateCases.Recognition), MemberType = typeof(DqlDateCases))]
    public void Matches_Date_ReturnsExpected(string filter, string resource, bool expected) =>
        AssertMatches(filter, resource, expected);

    [Theory]
    [MemberData(nameof(DqlPathCases.DottedPaths), MemberType = typeof(DqlPathCases))]
    [MemberData(nameof(DqlPathCases.Arrays), MemberType = typeof(DqlPathCases))]
    [MemberData(nameof(DqlPathCases.NonObjectResources), MemberType = typeof(DqlPathCases))]
    public void Matches_FieldPath_ReturnsExpected(string filter, string resource, bool expected) =>
        AssertMatches(filter, resource, expected);

    [Theory]
    [MemberData(nameof(DqlLogicalCases.ImplicitAnd), MemberType = typeof(DqlLogicalCases))]
    [MemberData(nameof(DqlLogicalCases.AndOrNot), MemberType = typeof(DqlLogicalCases))]
    [MemberData(nameof(DqlLogicalCases.FieldNot), MemberType = typeof(DqlLogicalCases))]
    [MemberData(nameof(DqlLogicalCases.DeepNesting), MemberType = typeof(DqlLogicalCases))]
    public void Matches_Logical_ReturnsExpected(string filter, string resource, bool expected) =>
        AssertMatches(filter, resource, expected);

    [Theory]
    [MemberData(nameof(DqlGlobCases.Stars), MemberType = typeof(DqlGlobCases))]
    [MemberData(nameof(DqlGlobCases.DoubleStars), MemberType = typeof(DqlGlobCases))]
    [MemberData(nameof(DqlGlobCases.QuestionMarksAndClasses), MemberType = typeof(DqlGlobCases))]
    [MemberData(nameof(DqlGlobCases.EscapesAndLiterals), MemberType = typeof(DqlGlobCases))]
    [MemberData(nameof(DqlGlobCases.LongTexts), MemberType = typeof(DqlGlobCases))]
    [MemberData(nameof(DqlGlobCases.NonStrings), MemberType = typeof(DqlGlobCases))]
    [MemberData(nameof(DqlGlobCases.FolderAndEverythingBelow), MemberType = typeof(DqlGlobCases))]
    public void Matches_Glob_ReturnsExpected(string filter, string resource, bool expected) =>
        AssertMatches(filter, resource, expected);

    [Theory]
    [MemberData(nameof(DqlSeedExampleCases.TrainFolderFiles), MemberType = typeof(DqlSeedExampleCases))]
    [MemberData(nameof(DqlSeedExampleCases.InputDirectory), MemberType = typeof(DqlSeedExampleCases))]
    [MemberData(nameof(DqlSeedExampleCases.AnnotatedVideos), MemberType = typeof(DqlSeedExampleCases))]
    [MemberData(nameof(DqlSeedExampleCases.AnnotatedVideosAsAnd), MemberType = typeof(DqlSeedExampleCases))]
    [MemberData(nameof(DqlSeedExampleCases.BoxAnnotations), MemberType = typeof(DqlSeedExampleCases))]
    [MemberData(nameof(DqlSeedExampleCases.DogAnnotations), MemberType = typeof(DqlSeedExampleCases))]
    public void Matches_SeedExample_ReturnsExpected(string filter, string resource, bool expected) =>
        AssertMatches(filter, resource, expected);

    [Fact]
    public void Matches_SourceDocumentDisposed_StillEvaluates()
    {
        DqlFilter filter;
        using (var document = System.Text.Json.JsonDocument.Parse("""{"metadata.system.mimetype": "video/*", "size": {"$gt": 1.5}}"""))
        {
            filter = DqlFilter.Parse(document.RootElement);
        }

        Assert.True(filter.Matches(DqlCases.Element("""{"metadata": {"system": {"mimetype": "video/mp4"}}, "size": 2}""")));
    }

    private static void AssertMatches(string filter, string resource, bool expected) =>
        Assert.Equal(expected, DqlFilter.Parse(DqlCases.Element(filter)).Matches(DqlCases.Element(resource)));
}
