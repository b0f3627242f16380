namespace Faas.Serverless.Cli.Tests.Infrastructure;

/// <summary>Paths in the repository the tests run from (the samples).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Faas.Serverless.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Faas.Serverless.sln was not found above " + AppContext.BaseDirectory);
    }
}
