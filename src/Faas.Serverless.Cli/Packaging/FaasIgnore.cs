using System.Text;
using System.Text.RegularExpressions;

namespace Faas.Serverless.Cli.Packaging;

/// <summary>
/// <c>.faasignore</c> rules, a subset of <c>.gitignore</c>: one glob per line, <c>#</c> comments, <c>!</c> to take
/// a path back, a trailing <c>/</c> for folders only, a leading or inner <c>/</c> to anchor at the codebase root,
/// <c>*</c> and <c>?</c> within a name and <c>**</c> across folders. The last matching rule wins; a file inside an
/// ignored folder stays ignored.
/// </summary>
internal sealed class FaasIgnore
{
    /// <summary>Never worth shipping: caches, bytecode, version control and the ignore file itself.</summary>
    public static readonly string[] Defaults = [".git/", "__pycache__/", "*.pyc", "*.pyo", ".faasignore", ".DS_Store"];

    private readonly List<Rule> _rules = [];

    public FaasIgnore(IEnumerable<string> lines)
    {
        foreach (var raw in Defaults.Concat(lines))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var negated = line.StartsWith('!');
            if (negated)
            {
                line = line[1..];
            }

            var folderOnly = line.EndsWith('/');
            line = line.TrimEnd('/');
            var anchored = line.Contains('/', StringComparison.Ordinal);
            line = line.TrimStart('/');
            if (line.Length > 0)
            {
                var pattern = (anchored ? "^" : "^(?:.*/)?") + Glob(line) + "$";
                _rules.Add(new Rule(new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), negated, folderOnly));
            }
        }
    }

    public static FaasIgnore Load(params string[] files) =>
        new(files.Where(File.Exists).SelectMany(File.ReadAllLines));

    /// <summary>Whether <paramref name="relativePath"/> (<c>/</c>-separated, from the codebase root) is left out.</summary>
    public bool IsIgnored(string relativePath, bool isFolder)
    {
        var ignored = false;
        foreach (var rule in _rules)
        {
            if ((!rule.FolderOnly || isFolder) && rule.Pattern.IsMatch(relativePath))
            {
                ignored = !rule.Negated;
            }
        }

        return ignored;
    }

    private static string Glob(string glob)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return regex.ToString();
    }

    private sealed record Rule(Regex Pattern, bool Negated, bool FolderOnly);
}
