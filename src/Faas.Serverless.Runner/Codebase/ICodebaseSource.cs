namespace Faas.Serverless.Runner.Codebase;

/// <summary>Where codebase zips come from (the host in production, a fake in tests).</summary>
internal interface ICodebaseSource
{
    Task<Stream> OpenCodebaseAsync(string url, CancellationToken cancellationToken = default);
}
