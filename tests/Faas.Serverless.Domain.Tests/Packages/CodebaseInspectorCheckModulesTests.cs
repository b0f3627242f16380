using Faas.Serverless.Domain.Packages;

namespace Faas.Serverless.Domain.Tests.Packages;

public sealed class CodebaseInspectorCheckModulesTests
{
    private readonly CodebaseInspector _inspector = new(CodebaseLimits.Default);

    [Fact]
    public async Task CheckModules_EntryPointDefinesClass_ReturnsNoErrors()
    {
        var schema = Schema(("default_module", "main.py", "ServiceRunner"), ("tools", "src/tools/entry.py", "Tools"));
        var inspection = await _inspector.InspectAsync(TestZips.Create(
            ("main.py", "class ServiceRunner(dl.BaseServiceRunner):\n    pass\n"),
            ("src/tools/entry.py", "class Tools:\n    pass\n")));

        var errors = CodebaseInspector.CheckModules(schema, inspection);

        Assert.True(errors.IsEmpty, errors.ToString());
    }

    [Fact]
    public async Task CheckModules_EntryPointUnderTopLevelFolder_ReportsNotFoundAtRoot()
    {
        var inspection = await _inspector.InspectAsync(TestZips.Create(
            ("my-project/main.py", "class ServiceRunner:\n"),
            ("my-project/README.md", "")));

        var errors = CodebaseInspector.CheckModules(Schema(("m", "main.py", "ServiceRunner")), inspection);

        var message = Assert.Single(errors.ToDictionary()["modules[0].entryPoint"]);
        Assert.StartsWith("entryPoint 'main.py' was not found at the root of the codebase zip", message, StringComparison.Ordinal);
        Assert.EndsWith("found: my-project/main.py.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckModules_EntryPointMissingAmongManyFiles_ListsTenPythonFiles()
    {
        var files = Enumerable.Range(0, 12).Select(i => ($"m{i:00}.py", "")).Append(("notes.txt", "")).ToArray();
        var inspection = await _inspector.InspectAsync(TestZips.Create(files));

        var errors = CodebaseInspector.CheckModules(Schema(("m", "main.py", "ServiceRunner")), inspection);

        var message = Assert.Single(errors.ToDictionary()["modules[0].entryPoint"]);
        Assert.EndsWith("found: m00.py, m01.py, m02.py, m03.py, m04.py, m05.py, m06.py, m07.py, m08.py, m09.py and 2 more.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckModules_NoPythonFiles_SaysSo()
    {
        var inspection = await _inspector.InspectAsync(TestZips.Create(("readme.txt", "")));

        var errors = CodebaseInspector.CheckModules(Schema(("m", "main.py", "ServiceRunner")), inspection);

        Assert.EndsWith("found: no .py files.", Assert.Single(errors.ToDictionary()["modules[0].entryPoint"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("class Other:\n    pass\n", "classes found: Other")]
    [InlineData("# class ServiceRunner:\nclass Other:\n", "classes found: Other")]
    [InlineData("if True:\n    class ServiceRunner:\n        pass\n", "it defines no top-level classes")]
    [InlineData("\"\"\"\nclass ServiceRunner:\n\"\"\"\n", "it defines no top-level classes")]
    [InlineData("class serviceRunner:\n", "classes found: serviceRunner")]
    [InlineData("class ServiceRunnerV2:\n", "classes found: ServiceRunnerV2")]
    public async Task CheckModules_ClassNotDefinedAtTopLevel_ReportsClassName(string source, string expected)
    {
        var inspection = await _inspector.InspectAsync(TestZips.Create(("main.py", source)));

        var errors = CodebaseInspector.CheckModules(Schema(("m", "main.py", "ServiceRunner")), inspection);

        var message = Assert.Single(errors.ToDictionary()["modules[0].className"]);
        Assert.Equal($"class 'ServiceRunner' is not defined at the top level of 'main.py'; {expected}.", message);
    }

    [Fact]
    public async Task CheckModules_SecondModuleBroken_ReportsItsIndex()
    {
        var schema = Schema(("a", "main.py", "ServiceRunner"), ("b", "other.py", "Missing"), ("c", "gone.py", "X"));
        var inspection = await _inspector.InspectAsync(TestZips.Create(("main.py", "class ServiceRunner:\n"), ("other.py", "")));

        var errors = CodebaseInspector.CheckModules(schema, inspection);

        Assert.Equal(["modules[1].className", "modules[2].entryPoint"], errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CheckModules_EntryPointTooLargeToScan_ReportsClassName()
    {
        var inspector = new CodebaseInspector(new CodebaseLimits { MaxPythonFileBytes = 100 });
        var inspection = await inspector.InspectAsync(TestZips.Create(("main.py", "class ServiceRunner:\n" + new string('#', 200))));

        var errors = CodebaseInspector.CheckModules(Schema(("m", "main.py", "ServiceRunner")), inspection);

        Assert.Contains("too large", Assert.Single(errors.ToDictionary()["modules[0].className"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckModules_InvalidInspection_Throws()
    {
        var inspection = await _inspector.InspectAsync([1, 2, 3]);

        Assert.Throws<ArgumentException>(() => CodebaseInspector.CheckModules(Schema(("m", "main.py", "ServiceRunner")), inspection));
    }

    private static PackageSchema Schema(params (string Name, string EntryPoint, string ClassName)[] modules) =>
        new("p", [.. modules.Select(m => new ModuleSchema(m.Name, m.EntryPoint, m.ClassName, [], [PackageDefaults.Function]))]);
}
