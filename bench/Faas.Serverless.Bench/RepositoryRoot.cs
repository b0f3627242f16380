namespace Faas.Serverless.Bench;

internal static class RepositoryRoot
{
    /// <summary>The folder holding Faas.Serverless.sln, from the working directory or the bench's own binaries up.</summary>
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Faas.Serverless.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the bench inside the repository (no Faas.Serverless.sln found above).");
    }
}
