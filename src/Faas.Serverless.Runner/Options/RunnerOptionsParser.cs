using System.Text.RegularExpressions;

namespace Faas.Serverless.Runner.Options;

/// <summary>
/// Parses <c>--host --project --service --replica [--work-dir] [--python] [--sdk] [--codebase-dir] [--spool-dir] [--parent-pid]
/// [--parent-stdin] [--exit-when-idle]</c> (as <c>--name value</c> or <c>--name=value</c>) plus the token (the first line of stdin with
/// <c>--parent-stdin</c>, else FAAS_RUNNER_TOKEN), and validates everything up front with messages that say what to fix.
/// </summary>
internal static partial class RunnerOptionsParser
{
    public const string Usage = """
        Usage: faas-runner --host <url> --project <id> --service <id> --replica <id>
                           [--work-dir <dir>] [--python <python3>] [--sdk <dir>] [--codebase-dir <dir>]
                           [--spool-dir <dir>] [--parent-pid <pid>] [--parent-stdin] [--exit-when-idle <s>]

          --host        Base URL of the Faas.Serverless host, e.g. http://127.0.0.1:7071
          --project     Project id
          --service     Service id
          --replica     Replica id (one agent process per replica)
          --work-dir    Local state and codebase cache (default: $FAAS_RUNNER_WORKDIR or ~/.faas/runner)
          --python      Python interpreter, on PATH or a path (default: python3)
          --sdk         Folder holding the 'faas' Python package (default: <repo>/sdk/python, else $FAAS_PYTHON_SDK)
          --codebase-dir  The codebase, already verified and extracted (read-only) by the local host: the agent
                        downloads nothing. Without it the agent downloads the spec's codebase into --work-dir
          --spool-dir   Finished results not yet acknowledged by the host, re-reported by the next agent of the
                        same replica (default: <work-dir>/spool/<replica>)
          --parent-pid  Process that started the agent (the local host). Once it is gone the agent leases no
                        more work, reports its running calls to the next host that answers, and exits 0
          --parent-stdin  Stdin is a pipe from the parent: its first line is the service bot's API key, its
                        second the agent's pid as the parent sees it (reported instead of its own, which a
                        sandbox's process namespace renumbers), and its end means the parent is gone (watched
                        instead of --parent-pid, which that namespace cannot see)
          --exit-when-idle  After this many seconds (1-86400) with no call running and nothing left to report,
                        drain and exit 0: one execution of an event-driven Container Apps job, which KEDA
                        starts again while the service's queue holds work

        Environment: FAAS_RUNNER_TOKEN is the service bot's API key, required without --parent-stdin.
        Exit codes: 0 stopped on request, idle or parent gone, 2 invalid options, 3 init failed, 4 spec or bot refused,
                    6 codebase invalid, 1 any other crash.
        """;

    private const string ParentStdin = "parent-stdin";
    private const string ExitWhenIdle = "exit-when-idle";
    private static readonly string[] Known = ["host", "project", "service", "replica", "work-dir", "python", "sdk", "codebase-dir", "spool-dir", "parent-pid", ParentStdin, ExitWhenIdle];

    /// <param name="args">Command-line arguments.</param>
    /// <param name="environment">Reads an environment variable (FAAS_RUNNER_TOKEN, FAAS_RUNNER_WORKDIR, FAAS_PYTHON_SDK, HOME).</param>
    /// <param name="baseDirectory">Where the executable lives; the default SDK is found by walking up from it to Faas.Serverless.sln.</param>
    /// <param name="readStdinLine">Reads the first line of stdin; called only with <c>--parent-stdin</c>.</param>
    public static OptionsParseResult Parse(IReadOnlyList<string> args, Func<string, string?> environment, string baseDirectory, Func<string?>? readStdinLine = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-?")
            {
                return OptionsParseResult.Help();
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                errors.Add($"Unexpected argument '{arg}'; options look like --name <value>.");
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            if (!Known.Contains(name, StringComparer.Ordinal))
            {
                errors.Add($"Unknown option '--{name}'. Known options: {string.Join(", ", Known.Select(k => "--" + k))}.");
                continue;
            }

            string value;
            if (name == ParentStdin)
            {
                value = eq > 0 ? arg[(eq + 1)..] : "true";
            }
            else if (eq > 0)
            {
                value = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                errors.Add($"Option '--{name}' needs a value.");
                continue;
            }

            if (!values.TryAdd(name, value))
            {
                errors.Add($"Option '--{name}' is given more than once.");
            }
        }

        var host = ParseHost(values.GetValueOrDefault("host"), errors);
        var project = ParseId("project", values.GetValueOrDefault("project"), errors);
        var service = ParseId("service", values.GetValueOrDefault("service"), errors);
        var replica = ParseId("replica", values.GetValueOrDefault("replica"), errors);
        var parentStdin = values.TryGetValue(ParentStdin, out var flag) && ParseFlag(flag, errors);
        readStdinLine ??= Console.In.ReadLine;
        var token = parentStdin ? readStdinLine() : environment(RunnerEnvironment.Token);
        var seenPid = parentStdin ? ParsePid(readStdinLine(), errors, "stdin's second line (the agent's pid as its parent sees it)") : null;
        if (string.IsNullOrWhiteSpace(token))
        {
            errors.Add(parentStdin
                ? "--parent-stdin is given, but stdin held no line with the service bot's API key."
                : $"Environment variable {RunnerEnvironment.Token} is not set; it must hold the service bot's API key.");
        }

        var workDir = ResolveWorkDir(values.GetValueOrDefault("work-dir"), environment, errors);
        var python = ResolvePython(values.GetValueOrDefault("python") ?? "python3", environment, errors);
        var sdk = ResolveSdk(values.GetValueOrDefault("sdk"), environment, baseDirectory, errors);
        var codebaseDir = ResolveCodebaseDir(values.GetValueOrDefault("codebase-dir"), errors);
        var parentPid = ParsePid(values.GetValueOrDefault("parent-pid"), errors, "--parent-pid");
        var exitWhenIdle = ParseIdleSeconds(values.GetValueOrDefault(ExitWhenIdle), errors);
        if (errors.Count > 0)
        {
            return OptionsParseResult.Failed(errors);
        }

        return OptionsParseResult.Succeeded(new RunnerOptions(host!, project!, service!, replica!, token!.Trim(), workDir!, python!, sdk!, parentPid)
        {
            CodebaseDir = codebaseDir,
            SpoolDir = values.GetValueOrDefault("spool-dir") is { Length: > 0 } spoolDir ? Path.GetFullPath(spoolDir) : null,
            ParentStdin = parentStdin,
            SeenPid = seenPid,
            ExitWhenIdle = exitWhenIdle,
        });
    }

    private static TimeSpan? ParseIdleSeconds(string? value, List<string> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 86_400)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        errors.Add($"--{ExitWhenIdle} '{value}' is not a whole number of seconds from 1 to 86400.");
        return null;
    }

    private static Uri? ParseHost(string? value, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add("Missing required option --host (e.g. --host http://127.0.0.1:7071).");
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"--host '{value}' is not an absolute http:// or https:// URL.");
            return null;
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            errors.Add($"--host '{value}' must not have a query or fragment.");
            return null;
        }

        // A trailing slash makes relative API paths resolve under a host mounted at a sub-path.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }

    private static string? ParseId(string name, string? value, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"Missing required option --{name}.");
            return null;
        }

        if (!IdPattern().IsMatch(value) || value.All(c => c == '.'))
        {
            errors.Add($"--{name} '{value}' is not a valid id: use 1-128 letters, digits, '-', '_' or '.'.");
            return null;
        }

        return value;
    }

    private static int? ParsePid(string? value, List<string> errors, string source)
    {
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) || pid <= 0)
        {
            errors.Add($"{source} '{value}' is not a process id: use a positive whole number.");
            return null;
        }

        return pid;
    }

    private static bool ParseFlag(string value, List<string> errors)
    {
        if (bool.TryParse(value, out var on))
        {
            return on;
        }

        errors.Add($"--{ParentStdin}={value} is not true or false.");
        return false;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
