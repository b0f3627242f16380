namespace Faas.Serverless.Domain.Validation;

/// <summary>Carries every field error of a rejected request to the API layer, which answers 400 with them.</summary>
public sealed class ValidationFailedException(ValidationErrors errors) : Exception(errors.ToString())
{
    public ValidationErrors Errors { get; } = errors;
}
