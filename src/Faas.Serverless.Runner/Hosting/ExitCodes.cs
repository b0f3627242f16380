namespace Faas.Serverless.Runner.Hosting;

/// <summary>Process exit codes (docs/runner-protocol.md: 0, 3 and 4 have fixed meanings; the rest are crashes).</summary>
internal static class ExitCodes
{
    /// <summary>Stopped on request (SIGTERM/SIGINT), after draining.</summary>
    public const int Stopped = 0;

    /// <summary>Unexpected failure, e.g. the host stayed unreachable at start-up.</summary>
    public const int Crashed = 1;

    /// <summary>Invalid command-line options or environment; nothing was started.</summary>
    public const int InvalidOptions = 2;

    /// <summary>The worker could not initialise (initFailed, or it exited or could not start before ready).</summary>
    public const int InitFailed = 3;

    /// <summary>The host refused the spec or the bot (401/403/404): nothing to retry.</summary>
    public const int Refused = 4;

    /// <summary>The codebase failed its hash check, was too large or had an unsafe entry.</summary>
    public const int CodebaseInvalid = 6;
}
