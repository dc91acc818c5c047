using System.CommandLine;
using Tailor.Cli.Commands;

var root = new RootCommand("Tailor: fine-tune, evaluate and serve small language models for narrow tasks.")
{
    InfoCommand.Create(),
    GenerateCommand.Create(),
    ModelCommand.Create(),
    TokenizerCommand.Create(),
};
return root.Parse(args).Invoke();
