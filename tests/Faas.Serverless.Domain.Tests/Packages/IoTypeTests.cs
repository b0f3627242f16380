using System.Text.Json;
using Faas.Serverless.Domain.Packages;

namespace Faas.Serverless.Domain.Tests.Packages;

public sealed class IoTypeTests
{
    [Theory]
    [InlineData("Json", "Json")]
    [InlineData("JSON", "Json")]
    [InlineData("json", "Json")]
    [InlineData("item", "Item")]
    [InlineData("Dataset", "Dataset")]
    [InlineData("ANNOTATION", "Annotation")]
    [InlineData("task", "Task")]
    [InlineData("Assignment", "Assignment")]
    [InlineData("model", "Model")]
    [InlineData("string", "String")]
    [InlineData("Number", "Number")]
    [InlineData("INTEGER", "Integer")]
    [InlineData("float", "Float")]
    [InlineData("boolean", "Boolean")]
    [InlineData("Item[]", "Item[]")]
    [InlineData("iTeM[]", "Item[]")]
    [InlineData("json[]", "Json[]")]
    [InlineData("Boolean[]", "Boolean[]")]
    public void TryParse_KnownNameInAnyCase_ReturnsCanonicalName(string value, string expected)
    {
        Assert.True(IoType.TryParse(value, out var type));
        Assert.Equal(expected, type.Name);
        Assert.Equal(expected, type.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" Item")]
    [InlineData("Item ")]
    [InlineData("Items")]
    [InlineData("Item[][]")]
    [InlineData("Item[")]
    [InlineData("[]")]
    [InlineData("List[Item]")]
    [InlineData("Any")]
    [InlineData("0")]
    public void TryParse_UnknownName_ReturnsFalse(string? value)
    {
        Assert.False(IoType.TryParse(value, out var type));
        Assert.Equal(default, type);
    }

    [Fact]
    public void Parse_UnknownName_ThrowsFormatExceptionListingAllowedTypes()
    {
        var exception = Assert.Throws<FormatException>(() => IoType.Parse("Picture"));

        Assert.Contains("'Picture'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Json, Item, Dataset, Annotation, Task, Assignment, Model, String, Number, Integer, Float, Boolean", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Item[]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowedNames_EveryName_ParsesToItself()
    {
        Assert.Equal(24, IoType.AllowedNames.Count);
        Assert.Contains("Json", IoType.AllowedNames);
        Assert.Contains("Model[]", IoType.AllowedNames);
        foreach (var name in IoType.AllowedNames)
        {
            Assert.Equal(name, IoType.Parse(name).Name);
        }
    }

    [Theory]
    [InlineData("Item", true)]
    [InlineData("Dataset", true)]
    [InlineData("Annotation", true)]
    [InlineData("Task", true)]
    [InlineData("Assignment", true)]
    [InlineData("Model", true)]
    [InlineData("Item[]", true)]
    [InlineData("Json", false)]
    [InlineData("String", false)]
    [InlineData("Number", false)]
    [InlineData("Integer", false)]
    [InlineData("Float", false)]
    [InlineData("Boolean[]", false)]
    public void IsEntity_Type_TrueForPlatformEntities(string name, bool expected) =>
        Assert.Equal(expected, IoType.Parse(name).IsEntity);

    [Theory]
    [InlineData("Item[]", true, "Item")]
    [InlineData("Item", false, "Item")]
    [InlineData("Json[]", true, "Json")]
    public void ElementType_Type_IsTheTypeWithoutList(string name, bool isList, string element)
    {
        var type = IoType.Parse(name);

        Assert.Equal(isList, type.IsList);
        Assert.Equal(element, type.ElementType.Name);
        Assert.False(type.ElementType.IsList);
    }

    [Fact]
    public void Default_IsJson() => Assert.Equal(IoType.Parse("Json"), default);

    [Theory]
    [InlineData("Json", "null", true)]
    [InlineData("Json", "{}", true)]
    [InlineData("Json", "[1, \"a\", null]", true)]
    [InlineData("Json", "\"text\"", true)]
    [InlineData("Item", "\"64f0c1\"", true)]
    [InlineData("Item", "{\"id\": \"64f0c1\", \"name\": \"a.jpg\"}", true)]
    [InlineData("Item", "{\"id\": 5}", false)]
    [InlineData("Item", "{\"name\": \"a.jpg\"}", false)]
    [InlineData("Item", "{\"Id\": \"64f0c1\"}", false)]
    [InlineData("Item", "\"\"", false)]
    [InlineData("Item", "\"  \"", false)]
    [InlineData("Item", "5", false)]
    [InlineData("Item", "null", false)]
    [InlineData("Dataset", "[\"64f0c1\"]", false)]
    [InlineData("Model", "{\"id\": \"m1\"}", true)]
    [InlineData("String", "\"\"", true)]
    [InlineData("String", "\"hello\"", true)]
    [InlineData("String", "1", false)]
    [InlineData("String", "null", false)]
    [InlineData("Number", "1.5", true)]
    [InlineData("Number", "-3", true)]
    [InlineData("Number", "1e-7", true)]
    [InlineData("Number", "\"1\"", false)]
    [InlineData("Float", "2", true)]
    [InlineData("Float", "true", false)]
    [InlineData("Integer", "42", true)]
    [InlineData("Integer", "-7", true)]
    [InlineData("Integer", "123456789012345678901234567890", true)]
    [InlineData("Integer", "1.0", false)]
    [InlineData("Integer", "1e3", false)]
    [InlineData("Integer", "\"1\"", false)]
    [InlineData("Boolean", "true", true)]
    [InlineData("Boolean", "false", true)]
    [InlineData("Boolean", "0", false)]
    [InlineData("Boolean", "\"true\"", false)]
    [InlineData("Boolean", "null", false)]
    [InlineData("Item[]", "[\"a\", {\"id\": \"b\"}]", true)]
    [InlineData("Item[]", "[]", true)]
    [InlineData("Item[]", "\"a\"", false)]
    [InlineData("Item[]", "[\"a\", null]", false)]
    [InlineData("Json[]", "[null, 1, {}]", true)]
    [InlineData("Json[]", "{}", false)]
    [InlineData("Integer[]", "[1, 2.5]", false)]
    [InlineData("String[]", "null", false)]
    public void Matches_Value_AcceptsOnlyValuesOfTheType(string type, string json, bool expected)
    {
        using var document = JsonDocument.Parse(json);

        var matches = IoType.Parse(type).Matches(document.RootElement, out var reason);

        Assert.Equal(expected, matches);
        Assert.Equal(expected, reason is null);
    }

    [Theory]
    [InlineData("Integer[]", "[1, 2.5]", "element [1]: expected an integer (a number without fraction or exponent), got the number 2.5")]
    [InlineData("Item", "null", "expected Item id (a non-empty string, or an object with a non-empty string \"id\"), got null")]
    [InlineData("String", "{}", "expected a string, got an object")]
    [InlineData("Boolean[]", "true", "expected an array of true or false, got a boolean")]
    public void Matches_Mismatch_ExplainsWhy(string type, string json, string expectedReason)
    {
        using var document = JsonDocument.Parse(json);

        Assert.False(IoType.Parse(type).Matches(document.RootElement, out var reason));
        Assert.Equal(expectedReason, reason);
    }

    [Theory]
    [InlineData("Json")]
    [InlineData("String")]
    [InlineData("Item[]")]
    public void Matches_UndefinedElement_IsNoValue(string type)
    {
        Assert.False(IoType.Parse(type).Matches(default, out var reason));
        Assert.Contains("no value", reason, StringComparison.Ordinal);
    }
}
