using System.CommandLine;
using Tailor.Cli.Commands;

namespace Tailor.Cli;

/// <summary>The <c>tailor</c> command tree; tests run it in-process through <see cref="Run"/>.</summary>
public static class TailorCli
{
    public static RootCommand Build() => new("Tailor: fine-tune, evaluate and serve small language models for narrow tasks.")
    {
        InfoCommand.Create(),
        GenerateCommand.Create(),
        ModelCommand.Create(),
        TokenizerCommand.Create(),
        TrainCommand.Create(),
        SearchCommand.Create(),
        DataCommand.Create(),
        EvalCommand.Create(),
        CompareCommand.Create(),
        SentimentCommand.Create(),
        ClassifyCommand.Create(),
        RunsCommand.Create(),
        JudgeCommand.Create(),
        GuardCommand.Create(),
        SuggestCommand.Create(),
        ServeCommand.Create(),
    };

    public static int Run(string[] args) => Build().Parse(args).Invoke();
}
