namespace Faas.Serverless.Domain.Packages;

// The request as the user sent it: every field may be missing or null so the validator can tell
// "absent" (gets a default) from "invalid" and report all problems at once. Unknown JSON properties
// are skipped by System.Text.Json's defaults.

public sealed record PackageSchemaInput
{
    public string? Name { get; init; }

    public IReadOnlyList<ModuleSchemaInput?>? Modules { get; init; }
}

public sealed record ModuleSchemaInput
{
    public string? Name { get; init; }

    public string? EntryPoint { get; init; }

    public string? ClassName { get; init; }

    public IReadOnlyList<FunctionIoInput?>? InitInputs { get; init; }

    public IReadOnlyList<FunctionSchemaInput?>? Functions { get; init; }
}

public sealed record FunctionSchemaInput
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? DisplayName { get; init; }

    public IReadOnlyList<FunctionIoInput?>? Input { get; init; }

    public IReadOnlyList<FunctionIoInput?>? Output { get; init; }
}

public sealed record FunctionIoInput
{
    public string? Name { get; init; }

    public string? Type { get; init; }
}
