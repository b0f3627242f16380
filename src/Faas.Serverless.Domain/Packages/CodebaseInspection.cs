using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Packages;

/// <summary>
/// What <see cref="CodebaseInspector.InspectAsync(Stream, CancellationToken)"/> learned about a zip.
/// When <see cref="IsValid"/> is false, <see cref="Files"/> and <see cref="PythonClasses"/> are empty.
/// </summary>
/// <param name="Sha256">Lowercase hex SHA-256 of the zip bytes; null when the zip exceeded the size limit and was not read to the end.</param>
/// <param name="SizeBytes">The zip's size; for an unseekable stream over the limit, the bytes read before giving up.</param>
/// <param name="Files">File entry paths (directories excluded), ordinal order, as written in the zip.</param>
/// <param name="PythonClasses">Top-level class names per .py file, for files within <see cref="CodebaseLimits.MaxPythonFileBytes"/>.</param>
/// <param name="Errors">Problems with the zip itself, all on the field <c>codebase</c>.</param>
public sealed record CodebaseInspection(
    string? Sha256,
    long SizeBytes,
    IReadOnlyList<string> Files,
    IReadOnlyDictionary<string, IReadOnlyList<string>> PythonClasses,
    ValidationErrors Errors)
{
    public const string Field = "codebase";

    public bool IsValid => Errors.IsEmpty;
}
