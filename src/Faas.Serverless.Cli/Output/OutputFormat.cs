namespace Faas.Serverless.Cli.Output;

/// <summary>How a command prints its result.</summary>
public enum OutputFormat
{
    /// <summary>Tables and sentences for people.</summary>
    Table,

    /// <summary>The API's JSON, for scripts.</summary>
    Json,
}
