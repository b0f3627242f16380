namespace Faas.Serverless.Runner.Hosting;

/// <summary>
/// Stdin as a pipe from the parent (<c>--parent-stdin</c>): the parser took its first line (the token); nothing else
/// is ever sent, so any read that returns means the parent closed its end or died.
/// </summary>
internal static class ParentPipe
{
    public static Task WaitForEndAsync(CancellationToken cancellationToken = default)
    {
        // Console reads block a thread and cannot be cancelled; a stop request simply stops waiting for them.
        var ended = Task.Factory.StartNew(
            static () =>
            {
                while (Console.In.ReadLine() is not null)
                {
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        return ended.WaitAsync(cancellationToken);
    }
}
