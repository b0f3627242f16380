using Faas.Serverless.Runner.Options;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class RunnerOptionsParserTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "faas-options-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _env;

    public RunnerOptionsParserTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "sdk", "faas"));
        Directory.CreateDirectory(Path.Combine(_root, "bin"));
        _env = new(StringComparer.Ordinal)
        {
            ["FAAS_RUNNER_TOKEN"] = "secret",
            ["HOME"] = Path.Combine(_root, "home"),
            ["PATH"] = Environment.GetEnvironmentVariable("PATH"),
        };
    }

    private string Sdk => Path.Combine(_root, "sdk");

    private string BinDir => Path.Combine(_root, "bin");

    [Fact]
    public void Parse_RequiredOptions_AppliesDefaults()
    {
        var result = Parse("--host", "http://127.0.0.1:7071", "--project", "p1", "--service", "s1", "--replica", "r1", "--sdk", Sdk);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var options = result.Options!;
        Assert.Equal(new Uri("http://127.0.0.1:7071/"), options.HostUri);
        Assert.Equal(("p1", "s1", "r1", "secret"), (options.ProjectId, options.ServiceId, options.ReplicaId, options.Token));
        Assert.Equal(Path.Combine(_root, "home", ".faas", "runner"), options.WorkDir);
        Assert.True(Directory.Exists(options.WorkDir));
        Assert.Equal("python3", options.Python);
        Assert.Equal(Sdk, options.SdkDir);
        Assert.Equal("api/v1/projects/p1/services/s1/", options.ServiceBasePath);
        Assert.DoesNotContain("secret", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ParentPid_Kept()
    {
        var result = Parse("--host", "http://h", "--project", "p", "--service", "s", "--replica", "r", "--sdk", Sdk, "--parent-pid", "4321");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(4321, result.Options!.ParentPid);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("86401")]
    [InlineData("1.5")]
    public void Parse_ExitWhenIdleOutOfRange_NamesTheOption(string seconds)
    {
        var result = Parse("--host", "http://h", "--project", "p", "--service", "s", "--replica", "r", "--sdk", Sdk, "--exit-when-idle", seconds);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains("--exit-when-idle", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ExitWhenIdle_Kept()
    {
        var result = Parse("--host", "http://h", "--project", "p", "--service", "s", "--replica", "r", "--sdk", Sdk, "--exit-when-idle", "300");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(TimeSpan.FromSeconds(300), result.Options!.ExitWhenIdle);
    }

    [Fact]
    public void Parse_NoParentPid_WatchesNoParent()
    {
        var result = Parse("--host", "http://h", "--project", "p", "--service", "s", "--replica", "r", "--sdk", Sdk);

        Assert.Null(result.Options!.ParentPid);
    }

    [Fact]
    public void Parse_EqualsSyntaxAndSubPathHost_Accepted()
    {
        var result = Parse("--host=https://faas.example/base", "--project=p1", "--service=s1", "--replica=r1", $"--sdk={Sdk}", $"--work-dir={_root}/w");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(new Uri("https://faas.example/base/"), result.Options!.HostUri);
        Assert.Equal(Path.Combine(_root, "w"), result.Options.WorkDir);
    }

    [Fact]
    public void Parse_NothingGiven_ListsEveryMissingPiece()
    {
        _env.Remove("FAAS_RUNNER_TOKEN");

        var result = Parse("--sdk", Sdk);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains("--host", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("--project", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("--service", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("--replica", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("FAAS_RUNNER_TOKEN", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--host", "ftp://host", "http:// or https://")]
    [InlineData("--host", "not a url", "http:// or https://")]
    [InlineData("--project", "a/b", "not a valid id")]
    [InlineData("--service", "..", "not a valid id")]
    [InlineData("--python", "/no/such/python3", "does not exist")]
    [InlineData("--python", "no-such-python-anywhere", "not found on PATH")]
    [InlineData("--bogus", "1", "Unknown option '--bogus'")]
    [InlineData("--parent-pid", "0", "not a process id")]
    [InlineData("--parent-pid", "-12", "not a process id")]
    [InlineData("--parent-pid", "12a", "not a process id")]
    [InlineData("--parent-pid", "99999999999", "not a process id")]
    public void Parse_BadValue_ExplainsTheProblem(string option, string value, string expected)
    {
        var args = new List<string> { "--host", "http://h", "--project", "p", "--service", "s", "--replica", "r", "--sdk", Sdk };
        var index = args.IndexOf(option);
        if (index >= 0)
        {
            args[index + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var result = Parse([.. args]);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ParentStdin_TokenAndSeenPidFromStdinNotTheEnvironment()
    {
        var lines = new Queue<string?>(["faas_from_stdin", "4242"]);

        var result = RunnerOptionsParser.Parse([.. Required(), "--sdk", Sdk, "--parent-stdin"], Env, BinDir, lines.Dequeue);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("faas_from_stdin", result.Options!.Token);
        Assert.Equal(4242, result.Options.SeenPid);
        Assert.True(result.Options.ParentStdin);
        Assert.Empty(lines);
    }

    [Fact]
    public void Parse_ParentStdinClosedAtOnce_AsksForTheToken()
    {
        var result = RunnerOptionsParser.Parse([.. Required(), "--sdk", Sdk, "--parent-stdin"], Env, BinDir, () => null);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains("stdin held no line", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_CodebaseDir_KeptWhenItExists()
    {
        var codebase = Directory.CreateDirectory(Path.Combine(_root, "codebase")).FullName;

        var found = Parse([.. Required(), "--sdk", Sdk, "--codebase-dir", codebase]);
        var missing = Parse([.. Required(), "--sdk", Sdk, "--codebase-dir", Path.Combine(_root, "missing")]);

        Assert.Equal(codebase, found.Options!.CodebaseDir);
        Assert.Contains(missing.Errors, e => e.Contains("--codebase-dir", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_OptionWithoutValue_Fails()
    {
        var result = Parse("--host", "http://h", "--project", "--service", "s", "--replica", "r", "--sdk", Sdk);

        Assert.Contains(result.Errors, e => e.Contains("'--project' needs a value", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SdkWithoutFaasPackage_Fails()
    {
        var result = Parse("--host", "http://h", "--project", "p", "--service", "s", "--replica", "r", "--sdk", _root);

        Assert.Contains(result.Errors, e => e.Contains("has no 'faas' package", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NoSdkOptionInsideRepo_UsesRepoSdk()
    {
        var repo = Path.Combine(_root, "repo");
        Directory.CreateDirectory(Path.Combine(repo, "sdk", "python", "faas"));
        Directory.CreateDirectory(Path.Combine(repo, "src", "bin"));
        File.WriteAllText(Path.Combine(repo, "Faas.Serverless.sln"), string.Empty);

        var result = RunnerOptionsParser.Parse(Required(), Env, Path.Combine(repo, "src", "bin"));

        Assert.Equal(Path.Combine(repo, "sdk", "python"), result.Options!.SdkDir);
    }

    [Fact]
    public void Parse_NoSdkOptionOutsideRepo_UsesEnvironment()
    {
        _env["FAAS_PYTHON_SDK"] = Sdk;
        _env["FAAS_RUNNER_WORKDIR"] = Path.Combine(_root, "from-env");

        var result = RunnerOptionsParser.Parse(Required(), Env, BinDir);

        Assert.Equal(Sdk, result.Options!.SdkDir);
        Assert.Equal(Path.Combine(_root, "from-env"), result.Options.WorkDir);
    }

    [Fact]
    public void Parse_NoSdkAnywhere_Fails()
    {
        var result = RunnerOptionsParser.Parse(Required(), Env, BinDir);

        Assert.Contains(result.Errors, e => e.Contains("Cannot find the Python SDK", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_Help_ReturnsHelpRequest()
    {
        Assert.True(Parse("--help").HelpRequested);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string[] Required() => ["--host", "http://h", "--project", "p", "--service", "s", "--replica", "r"];

    private string? Env(string name) => _env.GetValueOrDefault(name);

    private OptionsParseResult Parse(params string[] args) => RunnerOptionsParser.Parse(args, Env, BinDir);
}
