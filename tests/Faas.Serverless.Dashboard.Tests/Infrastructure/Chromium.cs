namespace Faas.Serverless.Dashboard.Tests.Infrastructure;

/// <summary>
/// Debian's chromium, which Playwright drives: its own browser download cannot work here. scripts/test.sh installs
/// it (scripts/install-chromium.sh); FAAS_CHROMIUM names another binary.
/// </summary>
public static class Chromium
{
    private static readonly string[] Names = ["chromium", "chromium-browser"];

    public static string FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable("FAAS_CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => Names.Select(name => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "chromium was not found on PATH: run scripts/install-chromium.sh (apt-get install chromium) or set FAAS_CHROMIUM.");
    }
}
