namespace Faas.Serverless.Cli.Config;

/// <summary>What <c>faas login</c> and <c>faas projects use</c> remember.</summary>
/// <param name="Url">The host.</param>
/// <param name="ApiKey">The API key.</param>
/// <param name="Project">The default project id.</param>
public sealed record CliConfig(string? Url = null, string? ApiKey = null, string? Project = null);
