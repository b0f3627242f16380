namespace Faas.Serverless.Domain.Packages;

/// <summary>The element kinds of <see cref="IoType"/>; the member names are the canonical spellings.</summary>
// The members are the API's type names ("String", "Integer", "Float"), not .NET type references.
#pragma warning disable CA1720
public enum IoTypeKind
{
    Json,
    Item,
    Dataset,
    Annotation,
    Task,
    Assignment,
    Model,
    String,
    Number,
    Integer,
    Float,
    Boolean,
}
#pragma warning restore CA1720
