namespace Faas.Serverless.Domain.Packages;

/// <summary>The defaults the product documents give for fields a package schema leaves out.</summary>
public static class PackageDefaults
{
    public const string ModuleName = "default_module";
    public const string EntryPoint = "main.py";
    public const string ClassName = "ServiceRunner";
    public const string FunctionName = "run";

    public static FunctionSchema Function { get; } = new(FunctionName, null, FunctionName, [], []);

    public static ModuleSchema Module { get; } = new(ModuleName, EntryPoint, ClassName, [], [Function]);
}
