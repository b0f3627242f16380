using Faas.Serverless.Domain.Packages;

namespace Faas.Serverless.Domain.Tests.Packages;

public sealed class PackageSchemaValidatorErrorsTests
{
    [Theory]
    [InlineData(null, "Package name is required.")]
    [InlineData("", "starting with a letter or digit")]
    [InlineData("-bad", "starting with a letter or digit")]
    [InlineData("has space", "letters, digits, '-', '_' or '.'")]
    public void Validate_InvalidPackageName_ReportsName(string? name, string expected)
    {
        var (schema, errors) = PackageSchemaValidator.Validate(new PackageSchemaInput { Name = name });

        Assert.Null(schema);
        Assert.Contains(expected, Assert.Single(errors.ToDictionary()["name"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("main")]
    [InlineData("main.txt")]
    [InlineData("main.PY")]
    [InlineData(".py")]
    [InlineData("src/.py")]
    [InlineData("/main.py")]
    [InlineData("../main.py")]
    [InlineData("src/../../main.py")]
    [InlineData("src\\main.py")]
    [InlineData("C:/main.py")]
    [InlineData("C:main.py")]
    [InlineData("./main.py")]
    [InlineData("src//main.py")]
    [InlineData("src/main.py/")]
    public void Validate_InvalidEntryPoint_ReportsEntryPoint(string entryPoint) =>
        AssertSingleError(Module(new ModuleSchemaInput { EntryPoint = entryPoint }), "modules[0].entryPoint", $"'{entryPoint}'");

    [Theory]
    [InlineData("main.py")]
    [InlineData("src/app/main.py")]
    [InlineData("my-module.v2.py")]
    public void Validate_ValidEntryPoint_IsKept(string entryPoint)
    {
        var (schema, errors) = PackageSchemaValidator.Validate(Module(new ModuleSchemaInput { EntryPoint = entryPoint }));

        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal(entryPoint, schema!.Modules[0].EntryPoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1Runner")]
    [InlineData("Service Runner")]
    [InlineData("Runner!")]
    [InlineData("class")]
    public void Validate_InvalidClassName_ReportsClassName(string className) =>
        AssertSingleError(Module(new ModuleSchemaInput { ClassName = className }), "modules[0].className", $"'{className}'");

    [Theory]
    [InlineData("")]
    [InlineData("_module")]
    [InlineData("my module")]
    public void Validate_InvalidModuleName_ReportsName(string name) =>
        AssertSingleError(Module(new ModuleSchemaInput { Name = name }), "modules[0].name", "letters, digits");

    [Fact]
    public void Validate_DuplicateModuleNames_ReportsLaterModule()
    {
        var input = new PackageSchemaInput
        {
            Name = "p",
            Modules = [new ModuleSchemaInput(), new ModuleSchemaInput { Name = "other" }, new ModuleSchemaInput { Name = "default_module" }],
        };

        AssertSingleError(input, "modules[2].name", "Duplicate module name 'default_module' (also used by modules[0])");
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "valid Python identifier")]
    [InlineData("1run", "valid Python identifier")]
    [InlineData("run-it", "valid Python identifier")]
    [InlineData("def", "keyword")]
    [InlineData("__init__", "'__'")]
    [InlineData("__hidden", "'__'")]
    public void Validate_InvalidFunctionName_ReportsName(string? name, string expected) =>
        AssertSingleError(Function(new FunctionSchemaInput { Name = name }), "modules[0].functions[0].name", expected);

    [Fact]
    public void Validate_DuplicateFunctionNames_ReportsLaterFunction()
    {
        var input = Module(new ModuleSchemaInput
        {
            Functions = [new FunctionSchemaInput { Name = "run" }, new FunctionSchemaInput { Name = "run" }],
        });

        AssertSingleError(input, "modules[0].functions[1].name", "also used by modules[0].functions[0]");
    }

    [Fact]
    public void Validate_SameFunctionNameInTwoModules_IsAllowed()
    {
        var input = new PackageSchemaInput
        {
            Name = "p",
            Modules = [new ModuleSchemaInput { Name = "a" }, new ModuleSchemaInput { Name = "b" }],
        };

        Assert.True(PackageSchemaValidator.Validate(input).Errors.IsEmpty);
    }

    [Theory]
    [InlineData(null, "Item", "name", "required")]
    [InlineData("", "Item", "name", "valid Python identifier")]
    [InlineData("my item", "Item", "name", "valid Python identifier")]
    [InlineData("lambda", "Item", "name", "keyword")]
    [InlineData("self", "Item", "name", "reserved")]
    [InlineData("progress", "Item", "name", "reserved")]
    [InlineData("item", null, "type", "Type is required")]
    [InlineData("item", "Picture", "type", "Unknown type 'Picture'. Allowed types: Json, Item, Dataset, Annotation, Task, Assignment, Model, String, Number, Integer, Float, Boolean, or a list of one of them such as Item[].")]
    [InlineData("item", "Item[][]", "type", "Unknown type")]
    public void Validate_InvalidFunctionInput_ReportsField(string? name, string? type, string field, string expected) =>
        AssertSingleError(
            Function(new FunctionSchemaInput { Name = "run", Input = [new FunctionIoInput { Name = name, Type = type }] }),
            $"modules[0].functions[0].input[0].{field}",
            expected);

    [Fact]
    public void Validate_DuplicateInputNames_ReportsLaterInput()
    {
        var input = Function(new FunctionSchemaInput
        {
            Name = "run",
            Input = [Io("item"), Io("dataset", "Dataset"), Io("item")],
        });

        AssertSingleError(input, "modules[0].functions[0].input[2].name", "also used by modules[0].functions[0].input[0]");
    }

    [Fact]
    public void Validate_DuplicateInitInputNames_ReportsLaterInput() =>
        AssertSingleError(
            Module(new ModuleSchemaInput { InitInputs = [Io("model"), Io("model")] }),
            "modules[0].initInputs[1].name",
            "Duplicate name 'model'");

    [Fact]
    public void Validate_InitInputNamedSelf_IsReservedButProgressIsNot()
    {
        AssertSingleError(Module(new ModuleSchemaInput { InitInputs = [Io("self")] }), "modules[0].initInputs[0].name", "reserved");
        Assert.True(PackageSchemaValidator.Validate(Module(new ModuleSchemaInput { InitInputs = [Io("progress")] })).Errors.IsEmpty);
    }

    [Fact]
    public void Validate_InvalidOutput_ReportsOutputPath() =>
        AssertSingleError(
            Function(new FunctionSchemaInput { Name = "run", Output = [Io("result", "Picture")] }),
            "modules[0].functions[0].output[0].type",
            "Unknown type 'Picture'");

    [Fact]
    public void Validate_NullElements_ReportElementPath()
    {
        var input = new PackageSchemaInput
        {
            Name = "p",
            Modules =
            [
                null,
                new ModuleSchemaInput
                {
                    Name = "m",
                    InitInputs = [null],
                    Functions = [null, new FunctionSchemaInput { Name = "run", Input = [null], Output = [null] }],
                },
            ],
        };

        var errors = PackageSchemaValidator.Validate(input).Errors.ToDictionary();

        Assert.Equal(
            ["modules[0]", "modules[1].functions[0]", "modules[1].functions[1].input[0]", "modules[1].functions[1].output[0]", "modules[1].initInputs[0]"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_ManyProblems_ReportsAllOfThemByPath()
    {
        var input = new PackageSchemaInput
        {
            Name = "bad name",
            Modules =
            [
                new ModuleSchemaInput { Name = "a", EntryPoint = "../main.py", ClassName = "1Runner" },
                new ModuleSchemaInput
                {
                    Name = "a",
                    Functions = [new FunctionSchemaInput { Name = "run", Input = [Io("x"), Io("y"), Io("z", "Photo")] }],
                },
            ],
        };

        var (schema, errors) = PackageSchemaValidator.Validate(input);

        Assert.Null(schema);
        Assert.Equal(
            ["modules[0].className", "modules[0].entryPoint", "modules[1].functions[0].input[2].type", "modules[1].name", "name"],
            errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_NullInput_Throws() =>
        Assert.Throws<ArgumentNullException>(() => PackageSchemaValidator.Validate(null!));

    private static FunctionIoInput Io(string name, string type = "Item") => new() { Name = name, Type = type };

    private static PackageSchemaInput Module(ModuleSchemaInput module) => new() { Name = "p", Modules = [module] };

    private static PackageSchemaInput Function(FunctionSchemaInput function) =>
        Module(new ModuleSchemaInput { Functions = [function] });

    private static void AssertSingleError(PackageSchemaInput input, string path, string expectedFragment)
    {
        var (schema, errors) = PackageSchemaValidator.Validate(input);

        Assert.Null(schema);
        var (actualPath, messages) = Assert.Single(errors.ToDictionary());
        Assert.Equal(path, actualPath);
        Assert.Contains(expectedFragment, Assert.Single(messages), StringComparison.Ordinal);
    }
}
