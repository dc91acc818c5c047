using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Tailor.Domains;
using Tailor.Domains.Availability;
using Tailor.Domains.Suggestions;
using Tailor.Server.Api;

namespace Tailor.Cli.Commands;

/// <summary>
/// <c>tailor suggest "description"</c> prints a ranked table; <c>tailor suggest --in X.jsonl --out Y.jsonl</c> reads
/// <c>{"id","description","options"?}</c> lines and writes <c>{"id","status","suggestions":[...],"message"?}</c> lines.
/// The option flags (--tlds, --max-length, --style, --include, --exclude, --language) set the request's options; a
/// line's "options" object takes the keys of the API's body (count, tlds, max_length, style, include, exclude,
/// language) and overrides the flags key by key. Both are checked by the server's own parser
/// (<see cref="SuggestRequestParser.ParseOptions"/>), so the CLI and the API accept exactly the same values.
/// </summary>
internal static class SuggestCommand
{
    /// <summary>The shipped domain model (models/domains) behind the shipped safety guard (models/guard).</summary>
    public const string DefaultSuggester = "guarded:model:models/domains";

    /// <summary>The most names one request may ask for, as the server's default.</summary>
    private const int MaxCount = 20;

    public static Command Create()
    {
        var description = new Argument<string?>("description") { Description = "What the business does", Arity = ArgumentArity.ZeroOrOne };
        var suggester = new Option<string>("--suggester") { Description = SuggesterSpec.Forms, DefaultValueFactory = _ => DefaultSuggester };
        var count = new Option<int>("--count") { Description = "Names wanted (1-20)", DefaultValueFactory = _ => SuggestionRequest.DefaultCount };
        var input = new Option<string?>("--in") { Description = "JSONL of {\"id\",\"description\",\"options\"?} requests" };
        var output = new Option<string?>("--out") { Description = "JSONL of results (with --in)" };
        var availability = new Option<bool>("--check-availability") { Description = "Check each name by DNS (and RDAP where the TLD has it)" };
        var resolver = new Option<string?>("--resolver") { Description = "DNS resolver IP[:port] for --check-availability (default: /etc/resolv.conf)" };
        var tlds = new Option<string?>("--tlds") { Description = "Suffixes the names must end in, comma separated (com,io,co.uk)" };
        var maxLength = new Option<int?>("--max-length") { Description = "Longest label, the name before its suffix (1-63)" };
        var style = new Option<string?>("--style") { Description = "brandable, keyword or short (labels of at most 8 characters)" };
        var include = new Option<string?>("--include") { Description = "Words the names should contain, comma separated (those rank first)" };
        var exclude = new Option<string?>("--exclude") { Description = "Words no name may contain, comma separated" };
        var language = new Option<string?>("--language") { Description = "The description's language as a BCP 47 tag (en, fr, pt-BR)" };
        var command = new Command("suggest", "Suggest domain names for a business description (or a JSONL file of them)")
        {
            description, suggester, count, input, output, availability, resolver, tlds, maxLength, style, include, exclude, language,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 20)
            {
                throw new DomainDataException($"--count must be 1-20, got {n}.");
            }
            var flags = new JsonObject { ["count"] = n };
            AddList(flags, "tlds", parse.GetValue(tlds));
            if (parse.GetValue(maxLength) is { } max)
            {
                flags["max_length"] = max;
            }
            if (parse.GetValue(style) is { } chosenStyle)
            {
                flags["style"] = chosenStyle;
            }
            AddList(flags, "include", parse.GetValue(include));
            AddList(flags, "exclude", parse.GetValue(exclude));
            if (parse.GetValue(language) is { } tag)
            {
                flags["language"] = tag;
            }
            // The flags are checked before the suggester loads or any line is read.
            var defaults = WithOptions("flag check", flags, "options");
            var chosen = SuggesterSpec.Parse(parse.GetValue(suggester)!);
            if (parse.GetValue(input) is { } inPath)
            {
                var outPath = parse.GetValue(output) ?? throw new DomainDataException("--in needs --out.");
                Batch(chosen, inPath, outPath, flags);
                return;
            }
            var text = parse.GetValue(description);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new DomainDataException("give a business description, e.g. tailor suggest \"A bakery in Lyon\" (or --in FILE --out FILE).");
            }
            if (text.Length > 2000)
            {
                throw new DomainDataException($"the description has {text.Length} characters; at most 2,000 are accepted.");
            }
            var result = chosen.SuggestAsync(defaults with { Description = text }).GetAwaiter().GetResult();
            var checks = parse.GetValue(availability) && result.Status == SuggestionStatus.Success
                ? Availability(result.Suggestions.Select(s => s.Domain).ToList(), parse.GetValue(resolver))
                : null;
            Print(result, checks);
        }));
        return command;
    }

    private static void Print(SuggestionResult result, IReadOnlyList<AvailabilityResult>? checks)
    {
        if (result.Status == SuggestionStatus.Blocked)
        {
            Console.WriteLine($"blocked: {result.Message}{(result.Category is null ? "" : $" ({result.Category})")}");
            return;
        }
        Console.WriteLine(checks is null ? "| # | domain | confidence |" : "| # | domain | confidence | availability |");
        Console.WriteLine(checks is null ? "|---:|---|---:|" : "|---:|---|---:|---|");
        for (var i = 0; i < result.Suggestions.Count; i++)
        {
            var s = result.Suggestions[i];
            var line = string.Create(CultureInfo.InvariantCulture, $"| {i + 1} | {s.Domain} | {s.Confidence:0.00} |");
            Console.WriteLine(checks is null ? line : $"{line} {checks[i].Status.ToString().ToLowerInvariant()} ({checks[i].Evidence}) |");
        }
    }

    private static IReadOnlyList<AvailabilityResult> Availability(IReadOnlyList<string> domains, string? resolver)
    {
        using var http = new HttpClient();
        var dns = new DnsAvailabilityChecker(new DnsCheckOptions { Resolver = resolver is null ? null : DnsCheckOptions.ParseResolver(resolver) });
        var rdap = new RdapAvailabilityChecker(http, new RdapCheckOptions());
        return new AvailabilityService(dns, rdap, new AvailabilityOptions()).CheckAsync(domains, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Every line is read and checked before the first request, so a bad line stops the job before it starts.</summary>
    private static void Batch(IDomainSuggester suggester, string inPath, string outPath, JsonObject flags)
    {
        if (!File.Exists(inPath))
        {
            throw new DomainDataException($"{inPath}: input file not found.");
        }
        var requests = new List<(string Id, SuggestionRequest Request)>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(inPath, Encoding.UTF8))
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                requests.Add(ParseLine(line, $"{inPath}:{lineNumber}", flags));
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
        using var writer = new StreamWriter(outPath, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var bar = context.AddTask("suggest", maxValue: Math.Max(1, requests.Count));
                foreach (var (id, request) in requests)
                {
                    var result = suggester.SuggestAsync(request).GetAwaiter().GetResult();
                    writer.WriteLine(ResultLine(id, result));
                    bar.Increment(1);
                }
            });
        Console.WriteLine($"{requests.Count} results -> {outPath}");
    }

    private static (string Id, SuggestionRequest Request) ParseLine(string line, string where, JsonObject flags)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException e)
        {
            throw new DomainDataException($"{where}: not JSON: {e.Message}", e);
        }
        if (node is not JsonObject json)
        {
            throw new DomainDataException($"{where}: expected a JSON object.");
        }
        var id = json["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var s) ? s
            : json["id"] is JsonValue number && number.TryGetValue<long>(out var l) ? l.ToString(CultureInfo.InvariantCulture)
            : throw new DomainDataException($"{where}: 'id' (string or number) is missing.");
        var description = json["description"] is JsonValue d && d.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw new DomainDataException($"{where}: 'description' (a non-empty string) is missing.");
        if (description.Length > 2000)
        {
            throw new DomainDataException($"{where}: the description has {description.Length} characters; at most 2,000 are accepted.");
        }
        var options = (JsonObject)flags.DeepClone();
        if (json["options"] is JsonObject lineOptions)
        {
            foreach (var (key, value) in lineOptions)
            {
                options[key] = value?.DeepClone();
            }
        }
        else if (json["options"] is not null)
        {
            throw new DomainDataException($"{where}: 'options' must be a JSON object.");
        }
        return (id, WithOptions(description, options, where));
    }

    /// <summary>A request for <paramref name="description"/> with <paramref name="options"/> as the API reads them; <paramref name="where"/> leads any error.</summary>
    private static SuggestionRequest WithOptions(string description, JsonObject options, string where)
    {
        using var document = JsonDocument.Parse(options.ToJsonString());
        try
        {
            return SuggestRequestParser.ParseOptions(document.RootElement, description, MaxCount);
        }
        catch (ApiRequestException e)
        {
            throw new DomainDataException($"{where}: {e.Message}", e);
        }
    }

    /// <summary>A comma-separated flag as a JSON array under <paramref name="key"/>; nothing when the flag is absent.</summary>
    private static void AddList(JsonObject options, string key, string? commaSeparated)
    {
        if (commaSeparated is not null)
        {
            options[key] = new JsonArray([.. commaSeparated.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(item => (JsonNode?)JsonValue.Create(item))]);
        }
    }

    private static string ResultLine(string id, SuggestionResult result)
    {
        var json = new JsonObject
        {
            ["id"] = id,
            ["status"] = result.Status == SuggestionStatus.Success ? "success" : "blocked",
            ["suggestions"] = new JsonArray([.. result.Suggestions.Select(s => (JsonNode)new JsonObject
            {
                ["domain"] = s.Domain,
                ["confidence"] = Math.Round(s.Confidence, 4),
            })]),
        };
        if (result.Message is not null)
        {
            json["message"] = result.Message;
        }
        return json.ToJsonString();
    }
}
