using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Serverless.Client.Models;

/// <summary>A package as of one revision (the latest unless another was asked for).</summary>
/// <param name="Id">The package id.</param>
/// <param name="ProjectId">Its project.</param>
/// <param name="Name">Its name, unique per project regardless of case.</param>
/// <param name="Version">The latest revision number.</param>
/// <param name="Revision">The revision this body shows.</param>
/// <param name="Modules">That revision's schema, defaults filled in.</param>
/// <param name="Codebase">That revision's zip.</param>
/// <param name="CreatedAt">When the package was first pushed.</param>
/// <param name="UpdatedAt">When the shown revision was made.</param>
/// <param name="Creator">Who first pushed it.</param>
/// <param name="UpdatedBy">Who made the shown revision.</param>
public sealed record Package(
    string Id,
    string ProjectId,
    string Name,
    int Version,
    int Revision,
    IReadOnlyList<PackageModule> Modules,
    Codebase Codebase,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Creator,
    string? UpdatedBy)
{
    /// <summary>The <c>ETag</c> the API answered with this body (null from listings): pass it as <c>ifMatch</c> to change exactly this state.</summary>
    [JsonIgnore]
    public string? ETag { get; init; }
}

/// <summary>One revision of a package.</summary>
/// <param name="PackageId">The package.</param>
/// <param name="Revision">The revision number, from 1.</param>
/// <param name="Modules">Its schema.</param>
/// <param name="Codebase">Its zip.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="Creator">Who made it.</param>
public sealed record PackageRevision(string PackageId, int Revision, IReadOnlyList<PackageModule> Modules, Codebase Codebase, DateTimeOffset CreatedAt, string? Creator);

/// <summary>A module of a package: one Python class whose methods are functions.</summary>
/// <param name="Name">The module name.</param>
/// <param name="EntryPoint">The Python file, relative to the codebase root.</param>
/// <param name="ClassName">The class in it.</param>
/// <param name="InitInputs">Inputs of the class's <c>__init__</c>.</param>
/// <param name="Functions">The functions it exposes.</param>
public sealed record PackageModule(string Name, string? EntryPoint, string? ClassName, IReadOnlyList<FunctionIo>? InitInputs, IReadOnlyList<PackageFunction> Functions);

/// <summary>A function of a module.</summary>
/// <param name="Name">The method name.</param>
/// <param name="Description">What it does.</param>
/// <param name="DisplayName">A name for people.</param>
/// <param name="Input">Its declared inputs.</param>
/// <param name="Output">Its declared outputs.</param>
public sealed record PackageFunction(string Name, string? Description, string? DisplayName, IReadOnlyList<FunctionIo>? Input, IReadOnlyList<FunctionIo>? Output);

/// <summary>A declared input or output.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Type">Its type, such as <c>String</c>, <c>Json</c>, <c>Item</c>.</param>
/// <param name="DefaultValue">The default, when one is declared.</param>
public sealed record FunctionIo(string Name, string Type, JsonElement? DefaultValue = null);

/// <summary>A revision's codebase zip.</summary>
/// <param name="Sha256">Its SHA-256, hex.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="Url">Where to download it (relative to the API's base URL).</param>
public sealed record Codebase(string Sha256, long SizeBytes, string Url);

/// <summary>The answer to a push: the package, and whether the push made a new revision.</summary>
/// <param name="Package">The package as of the revision the push made or found.</param>
/// <param name="Created">False when the content equalled the latest revision's and nothing changed.</param>
public sealed record PushResult(Package Package, bool Created);
