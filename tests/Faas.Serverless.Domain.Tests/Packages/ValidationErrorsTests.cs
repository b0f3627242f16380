using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Tests.Packages;

public sealed class ValidationErrorsTests
{
    [Fact]
    public void Add_SamePathTwice_GroupsMessagesInOrder()
    {
        var errors = new ValidationErrors();

        errors.Add("name", "first");
        errors.Add("modules[0].name", "other");
        errors.Add("name", "second");

        Assert.False(errors.IsEmpty);
        Assert.Equal(["first", "second"], errors.ToDictionary()["name"]);
        Assert.Equal(["other"], errors.ToDictionary()["modules[0].name"]);
    }

    [Fact]
    public void AddAll_OtherErrors_MergesByPath()
    {
        var errors = new ValidationErrors();
        errors.Add("codebase", "a");
        var other = new ValidationErrors();
        other.Add("codebase", "b");
        other.Add("name", "c");

        errors.AddAll(other);

        Assert.Equal(["a", "b"], errors.ToDictionary()["codebase"]);
        Assert.Equal(["c"], errors.ToDictionary()["name"]);
    }

    [Fact]
    public void New_NoErrors_IsEmpty()
    {
        var errors = new ValidationErrors();

        Assert.True(errors.IsEmpty);
        Assert.Empty(errors.ToDictionary());
        Assert.Equal(string.Empty, errors.ToString());
    }

    [Fact]
    public void Add_EmptyMessage_Throws() =>
        Assert.Throws<ArgumentException>(() => new ValidationErrors().Add("name", ""));
}
