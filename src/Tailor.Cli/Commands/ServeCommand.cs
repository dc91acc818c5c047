using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Tailor.Domains.Suggestions;
using Tailor.Server;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor serve</c>: the suggestion API, the OpenAI-compatible chat endpoint, metrics and the web page.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var suggester = new Option<string>("--suggester") { Description = SuggesterSpec.Forms, DefaultValueFactory = _ => SuggestCommand.DefaultSuggester };
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => ServerOptions.DefaultUrls };
        var command = new Command("serve", "Serve suggestions over HTTP (POST /v1/suggest, /v1/chat/completions, GET /healthz, /metrics, page at /)") { suggester, urls };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var options = new ServerOptions { Urls = parse.GetValue(urls)! };
            options.Validate();
            var app = SuggestionServer.Build(options, SuggesterSpec.Parse(parse.GetValue(suggester)!));
            Console.WriteLine($"serving {parse.GetValue(suggester)} on {options.Urls} (Ctrl-C stops)");
            app.Run();
        }));
        return command;
    }
}
