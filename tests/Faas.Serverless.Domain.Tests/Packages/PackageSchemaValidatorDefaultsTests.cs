using System.Text.Json;
using Faas.Serverless.Domain.Packages;

namespace Faas.Serverless.Domain.Tests.Packages;

public sealed class PackageSchemaValidatorDefaultsTests
{
    private static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web);

    // The package JSON of the product documents, plus fields this platform does not know.
    private const string SeedPackageJson = """
        {
          "name": "default_package",
          "id": "ignored",
          "modules": [
            {
              "name": "default_module",
              "className": "ServiceRunner",
              "entryPoint": "main.py",
              "initInputs": [],
              "computeConfig": { "gpu": false },
              "functions": [
                {
                  "name": "run",
                  "description": "this description for your service",
                  "input": [ { "name": "item", "type": "Item", "color": "blue" } ],
                  "output": []
                }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void Validate_SeedPackageJson_ReturnsSchemaIgnoringUnknownFields()
    {
        var input = JsonSerializer.Deserialize<PackageSchemaInput>(SeedPackageJson, WebOptions)!;

        var (schema, errors) = PackageSchemaValidator.Validate(input);

        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.NotNull(schema);
        Assert.Equal("default_package", schema.Name);
        var module = Assert.Single(schema.Modules);
        Assert.Equal(("default_module", "main.py", "ServiceRunner"), (module.Name, module.EntryPoint, module.ClassName));
        Assert.Empty(module.InitInputs);
        var function = Assert.Single(module.Functions);
        Assert.Equal("run", function.Name);
        Assert.Equal("this description for your service", function.Description);
        Assert.Equal("run", function.DisplayName);
        Assert.Equal([new FunctionIo("item", "Item")], function.Input);
        Assert.Empty(function.Output);
    }

    [Fact]
    public void Validate_SchemaSerializedWithWebDefaults_UsesApiFieldNames()
    {
        var (schema, _) = PackageSchemaValidator.Validate(new PackageSchemaInput { Name = "p" });

        var json = JsonSerializer.Serialize(schema, WebOptions);

        Assert.Equal(
            """{"name":"p","modules":[{"name":"default_module","entryPoint":"main.py","className":"ServiceRunner","initInputs":[],"functions":[{"name":"run","description":null,"displayName":"run","input":[],"output":[]}]}]}""",
            json);
    }

    public static TheoryData<IReadOnlyList<ModuleSchemaInput?>?> MissingModules => new() { null, Array.Empty<ModuleSchemaInput?>() };

    [Theory]
    [MemberData(nameof(MissingModules))]
    public void Validate_NoModules_GivesDefaultModuleWithRunFunction(IReadOnlyList<ModuleSchemaInput?>? modules)
    {
        var (schema, errors) = PackageSchemaValidator.Validate(new PackageSchemaInput { Name = "p", Modules = modules });

        Assert.True(errors.IsEmpty, errors.ToString());
        var module = Assert.Single(schema!.Modules);
        Assert.Equal(PackageDefaults.Module, module);
        Assert.Equal("default_module", module.Name);
        var function = Assert.Single(module.Functions);
        Assert.Equal(("run", null, "run"), (function.Name, function.Description, function.DisplayName));
        Assert.Empty(function.Input);
        Assert.Empty(function.Output);
    }

    [Fact]
    public void Validate_ModuleWithOnlyFunctions_GetsModuleDefaults()
    {
        var input = new PackageSchemaInput
        {
            Name = "p",
            Modules = [new ModuleSchemaInput { Functions = [new FunctionSchemaInput { Name = "detect" }] }],
        };

        var (schema, errors) = PackageSchemaValidator.Validate(input);

        Assert.True(errors.IsEmpty, errors.ToString());
        var module = Assert.Single(schema!.Modules);
        Assert.Equal(("default_module", "main.py", "ServiceRunner"), (module.Name, module.EntryPoint, module.ClassName));
        Assert.Equal("detect", Assert.Single(module.Functions).Name);
    }

    [Fact]
    public void Validate_ModuleWithoutFunctions_GetsRunFunction()
    {
        var input = new PackageSchemaInput { Name = "p", Modules = [new ModuleSchemaInput { Name = "m", Functions = [] }] };

        var (schema, _) = PackageSchemaValidator.Validate(input);

        Assert.Equal("run", Assert.Single(schema!.Modules[0].Functions).Name);
    }

    [Theory]
    [InlineData(null, "detect")]
    [InlineData("", "detect")]
    [InlineData("  ", "detect")]
    [InlineData("Detect objects", "Detect objects")]
    public void Validate_DisplayName_DefaultsToFunctionName(string? displayName, string expected)
    {
        var input = new PackageSchemaInput
        {
            Name = "p",
            Modules = [new ModuleSchemaInput { Functions = [new FunctionSchemaInput { Name = "detect", DisplayName = displayName }] }],
        };

        var (schema, _) = PackageSchemaValidator.Validate(input);

        Assert.Equal(expected, schema!.Modules[0].Functions[0].DisplayName);
    }

    [Fact]
    public void Validate_IoTypes_AreNormalizedToCanonicalSpelling()
    {
        var input = new PackageSchemaInput
        {
            Name = "p",
            Modules =
            [
                new ModuleSchemaInput
                {
                    InitInputs = [new FunctionIoInput { Name = "model_filename", Type = "JSON" }],
                    Functions =
                    [
                        new FunctionSchemaInput
                        {
                            Name = "run",
                            Input = [new FunctionIoInput { Name = "items", Type = "item[]" }, new FunctionIoInput { Name = "threshold", Type = "float" }],
                            Output = [new FunctionIoInput { Name = "count", Type = "INTEGER" }],
                        },
                    ],
                },
            ],
        };

        var (schema, errors) = PackageSchemaValidator.Validate(input);

        Assert.True(errors.IsEmpty, errors.ToString());
        var module = schema!.Modules[0];
        Assert.Equal([new FunctionIo("model_filename", "Json")], module.InitInputs);
        Assert.Equal([new FunctionIo("items", "Item[]"), new FunctionIo("threshold", "Float")], module.Functions[0].Input);
        Assert.Equal([new FunctionIo("count", "Integer")], module.Functions[0].Output);
    }

    [Fact]
    public void FindModuleAndFindFunction_ByExactName_ReturnMatchOrNull()
    {
        var (schema, _) = PackageSchemaValidator.Validate(new PackageSchemaInput { Name = "p" });

        var module = schema!.FindModule("default_module");

        Assert.NotNull(module);
        Assert.Null(schema.FindModule("Default_Module"));
        Assert.Equal("run", module.FindFunction("run")?.Name);
        Assert.Null(module.FindFunction("Run"));
    }
}
