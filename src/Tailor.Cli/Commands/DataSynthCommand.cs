using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tailor.Domains;
using Tailor.Domains.Building;
using Tailor.Domains.Safety;
using Tailor.Domains.Synthesis.Teacher;

namespace Tailor.Cli.Commands;

/// <summary>
/// <c>tailor data synth --offline|--teacher URL --n N --seed S --out DIR</c>: writes a whole dataset folder. Offline
/// (the default) needs no network; with a teacher, an OpenAI-compatible endpoint writes the rows into
/// <c>DIR/teacher.jsonl</c> first (resumable: run the same command again to finish a stopped job).
/// </summary>
internal static class DataSynthCommand
{
    public static Command Create()
    {
        var offline = new Option<bool>("--offline") { Description = "Seeded offline generator, no network (the default)" };
        var teacher = new Option<string?>("--teacher") { Description = "Base URL of an OpenAI-compatible endpoint, e.g. http://localhost:8000/v1" };
        var model = new Option<string?>("--model") { Description = "Teacher model name (with --teacher)" };
        var apiKeyVariable = new Option<string>("--api-key-env")
        {
            Description = "Environment variable holding the teacher's API key",
            DefaultValueFactory = _ => "OPENAI_API_KEY",
        };
        var count = new Option<int>("--n") { Description = "Generated rows (offline or teacher)", DefaultValueFactory = _ => 30_000 };
        var seed = new Option<int>("--seed") { Description = "Seed for generation and the split", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Dataset folder", DefaultValueFactory = _ => "runs/data/domains" };
        var real = new Option<string>("--real") { Description = "Real companies file", DefaultValueFactory = _ => DataCommand.DefaultRealCompanies };
        var noReal = new Option<bool>("--no-real") { Description = "Leave out the real companies" };
        var noSafety = new Option<bool>("--no-safety") { Description = "Leave out the safety set" };
        var concurrency = new Option<int>("--concurrency") { Description = "Teacher requests in flight", DefaultValueFactory = _ => 4 };
        var budget = new Option<long?>("--token-budget") { Description = "Stop starting teacher requests after this many tokens" };
        var structured = new Option<TeacherStructuredOutput>("--structured-output")
        {
            Description = "How the teacher is held to JSON: JsonSchema, JsonObject or None",
            DefaultValueFactory = _ => TeacherStructuredOutput.JsonSchema,
        };
        var command = new Command("synth", "Build a domain-name dataset: generated rows, edge cases, safety set, real pairs, leak-free splits, card")
        {
            offline, teacher, model, apiKeyVariable, count, seed, output, real, noReal, noSafety, concurrency, budget, structured,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var teacherUrl = parse.GetValue(teacher);
            if (teacherUrl is not null && parse.GetValue(offline))
            {
                throw new DomainDataException("choose one of --offline and --teacher.");
            }
            var n = parse.GetValue(count);
            if (n < 0)
            {
                throw new DomainDataException($"--n must be 0 or more, got {n}.");
            }
            var directory = parse.GetValue(output)!;
            var seedValue = parse.GetValue(seed);
            var options = new DatasetBuildOptions(seedValue)
            {
                SyntheticCount = teacherUrl is null ? n : 0,
                RealCompaniesPath = RealPath(parse.GetValue(real)!, parse.GetValue(noReal), parse.GetResult(real) is { Implicit: false }),
                Safety = parse.GetValue(noSafety) ? null : new SafetySetOptions(seedValue),
                CommandLine = "tailor " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            };
            if (teacherUrl is not null)
            {
                var teacherRows = Path.Combine(directory, "teacher.jsonl");
                RunTeacher(teacherUrl, parse.GetValue(model), parse.GetValue(apiKeyVariable)!, new TeacherOptions
                {
                    Model = parse.GetValue(model) ?? "",
                    Count = n,
                    Seed = seedValue,
                    Concurrency = parse.GetValue(concurrency),
                    TokenBudget = parse.GetValue(budget),
                    StructuredOutput = parse.GetValue(structured),
                }, teacherRows);
                options = options with { InputFiles = [teacherRows] };
            }
            var result = Build(options, directory);
            Console.WriteLine(DataStatsCommand.Summary(result.Splits));
            Console.WriteLine($"dataset written to {directory} (card: {result.CardPath})");
        }));
        return command;
    }

    /// <summary>The real companies to use: none when asked, the given file, or the repository copy where there is one.</summary>
    private static string? RealPath(string path, bool noReal, bool given)
    {
        if (noReal)
        {
            return null;
        }
        if (File.Exists(path))
        {
            return path;
        }
        if (given)
        {
            throw new DomainDataException($"{path}: real companies file not found (use --no-real to build without).");
        }
        Console.Error.WriteLine($"note: no real companies at {path} (run from the repository root to include them); building without.");
        return null;
    }

    public static DatasetBuildResult Build(DatasetBuildOptions options, string directory)
    {
        // The stages take seconds each: a timestamped line per stage says enough.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        return DomainDatasetBuilder.Build(options, directory, stage =>
            console.MarkupLineInterpolated($"[grey]{DateTime.Now:HH:mm:ss}[/] {stage}"));
    }

    private static void RunTeacher(string url, string? model, string apiKeyVariable, TeacherOptions options, string outputPath)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new DomainDataException("--teacher needs --model (the endpoint's model name).");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            throw new DomainDataException($"--teacher '{url}' is not an http(s) URL.");
        }
        var apiKey = Environment.GetEnvironmentVariable(apiKeyVariable);
        using var client = TeacherClientFactory.Create(baseUrl, model, apiKey, TeacherRetryPolicy.Default, TimeSpan.FromSeconds(120));
        var synthesizer = new TeacherSynthesizer(client, options);
        TeacherRunSummary? summary = null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var bar = context.AddTask("teacher", maxValue: Math.Max(1, options.Count));
                var progress = new Progress<TeacherProgress>(p =>
                {
                    bar.Value = p.Done;
                    bar.Description = string.Create(CultureInfo.InvariantCulture, $"teacher {p.Done}/{p.Total} ({p.Written} written, {p.Tokens:N0} tokens)");
                });
                summary = synthesizer.RunAsync(outputPath, progress).GetAwaiter().GetResult();
            });
        Console.WriteLine(summary!.ToMarkdown());
        // Kept next to the rows: the share of valid domains in the teacher's raw output is a result in itself.
        File.WriteAllText(Path.ChangeExtension(outputPath, ".summary.md"), summary.ToMarkdown());
    }
}
