using System.ComponentModel.DataAnnotations;

namespace Faas.Serverless.Stores;

/// <summary>Names of the tables and containers; a prefix lets several hosts or test runs share one account.</summary>
public sealed record StoreOptions
{
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,29}$", ErrorMessage = "tablePrefix must be letters and digits, starting with a letter, at most 30 characters.")]
    public string TablePrefix { get; init; } = "faas";

    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$", ErrorMessage = "codebaseContainer must be a valid blob container name.")]
    public string CodebaseContainer { get; init; } = "codebases";
}
