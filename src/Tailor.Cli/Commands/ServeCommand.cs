using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Tailor.Domains.Suggestions;
using Tailor.Server;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor serve</c>: the suggestion API, the OpenAI-compatible chat endpoint, review sentiment, metrics and the web page.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var suggester = new Option<string>("--suggester") { Description = SuggesterSpec.Forms, DefaultValueFactory = _ => SuggestCommand.DefaultSuggester };
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => ServerOptions.DefaultUrls };
        var sentimentModel = new Option<string>("--sentiment-model")
        {
            Description = "Sentiment model folder for POST /v1/classify (missing: that endpoint answers 503)",
            DefaultValueFactory = _ => Tailor.Sentiment.SentimentModels.DefaultModelDir,
        };
        var command = new Command("serve", "Serve suggestions over HTTP (POST /v1/suggest, /v1/chat/completions, /v1/classify, GET /healthz, /metrics, page at /)")
        {
            suggester, urls, sentimentModel,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var options = new ServerOptions { Urls = parse.GetValue(urls)!, SentimentModelDir = parse.GetValue(sentimentModel)! };
            options.Validate();
            var app = SuggestionServer.Build(options, SuggesterSpec.Parse(parse.GetValue(suggester)!));
            Console.WriteLine($"serving {parse.GetValue(suggester)} on {options.Urls} (Ctrl-C stops)");
            app.Run();
        }));
        return command;
    }
}
