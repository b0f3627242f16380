namespace Faas.Serverless.Dashboard.Tests.Infrastructure;

/// <summary>Paths in the repository: the samples the tests push and TestResults/, which scripts/test.sh keeps.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string ScreenshotsDir
    {
        get
        {
            var dir = Path("TestResults", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Faas.Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Faas.Serverless.sln above {AppContext.BaseDirectory}.");
    }
}
