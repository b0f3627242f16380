using System.CommandLine;
using Faas.Serverless.Cli.Hosting;

namespace Faas.Serverless.Cli.Commands;

/// <summary>
/// <c>faas completion bash|zsh</c>: a script that asks <c>faas</c> itself for completions through System.CommandLine's
/// <c>[suggest:POSITION]</c> directive, so they always match this build's commands and options.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # faas completion for bash: eval "$(faas completion bash)" in ~/.bashrc
        _faas_complete() {
          local IFS=$'\n'
          local candidates
          candidates=$(faas "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)
          COMPREPLY=( $(compgen -W "${candidates}" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _faas_complete faas
        """;

    private const string Zsh = """
        # faas completion for zsh: eval "$(faas completion zsh)" in ~/.zshrc
        _faas_complete() {
          local -a candidates
          candidates=("${(@f)$(faas "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
          compadd -- "${candidates[@]}"
        }
        compdef _faas_complete faas
        """;

    public static Command Create(Binder binder)
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh." };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", "Print a shell completion script.") { shell };
        binder.Bind(command, (session, _) =>
        {
            session.Io.Out.WriteLine(session.Value(shell) == "bash" ? Bash : Zsh);
            return Task.CompletedTask;
        });
        return Examples.Set(command, "eval \"$(faas completion bash)\"", "faas completion zsh > \"${fpath[1]}/_faas\"");
    }
}
