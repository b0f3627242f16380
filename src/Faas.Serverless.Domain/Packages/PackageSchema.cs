namespace Faas.Serverless.Domain.Packages;

/// <summary>A validated package schema with defaults applied; build it with <see cref="PackageSchemaValidator"/>.</summary>
public sealed record PackageSchema(string Name, IReadOnlyList<ModuleSchema> Modules)
{
    public ModuleSchema? FindModule(string name) =>
        Modules.FirstOrDefault(module => string.Equals(module.Name, name, StringComparison.Ordinal));
}

public sealed record ModuleSchema(
    string Name,
    string EntryPoint,
    string ClassName,
    IReadOnlyList<FunctionIo> InitInputs,
    IReadOnlyList<FunctionSchema> Functions)
{
    public FunctionSchema? FindFunction(string name) =>
        Functions.FirstOrDefault(function => string.Equals(function.Name, name, StringComparison.Ordinal));
}

public sealed record FunctionSchema(
    string Name,
    string? Description,
    string DisplayName,
    IReadOnlyList<FunctionIo> Input,
    IReadOnlyList<FunctionIo> Output);

/// <summary>A named input or output; <see cref="Type"/> is a canonical <see cref="IoType.Name"/> such as "Item[]".</summary>
public sealed record FunctionIo(string Name, string Type);
