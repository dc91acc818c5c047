using System.CommandLine;
using System.Globalization;
using Tailor.Domains;
using Tailor.Evaluation.Store;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor runs list | show ID</c>: what the run store (SQLite by default, PostgreSQL for a team) holds.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var store = new Option<string?>("--store") { Description = "Run store: a SQLite path or a PostgreSQL connection string (default: $TAILOR_RUN_STORE, else RUNS/tailor.db)", Recursive = true };
        var runsDirectory = new Option<string>("--runs") { Description = "Folder of run directories", DefaultValueFactory = _ => "runs", Recursive = true };

        var kind = new Option<string?>("--kind") { Description = "Only runs of this kind (eval, train)" };
        var suite = new Option<string?>("--suite") { Description = "Only runs on this suite" };
        var limit = new Option<int?>("--limit") { Description = "At most this many (newest first)" };
        var list = new Command("list", "List recorded runs, newest first") { kind, suite, limit };
        list.SetAction(parse => CliErrors.Run(() =>
        {
            using var runStore = Open(parse.GetValue(store), parse.GetValue(runsDirectory)!);
            var runs = runStore.List(new RunFilter(parse.GetValue(kind), parse.GetValue(suite), null, parse.GetValue(limit)));
            Console.WriteLine("| id | created (UTC) | kind | suite | suggester | directory |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var run in runs)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {run.Id} | {run.CreatedUtc:yyyy-MM-dd HH:mm:ss} | {run.Kind} | {run.Suite} | {run.Suggester} | {run.Directory} |"));
            }
            Console.WriteLine($"{runs.Count} runs");
        }));

        var id = new Argument<string>("id") { Description = "Run id" };
        var show = new Command("show", "Show one run: its configuration and metrics with 95% CIs") { id };
        show.SetAction(parse => CliErrors.Run(() =>
        {
            using var runStore = Open(parse.GetValue(store), parse.GetValue(runsDirectory)!);
            var run = runStore.Get(parse.GetValue(id)!) ?? throw new DomainDataException($"no run '{parse.GetValue(id)}' in the store.");
            Console.WriteLine($"run {run.Id} ({run.Kind}) on {run.Suite} by {run.Suggester}, {run.CreatedUtc:u}");
            Console.WriteLine($"directory: {run.Directory}");
            Console.WriteLine($"config: {run.ConfigJson}");
            Console.WriteLine("| metric | category | mean | 95% CI | n |");
            Console.WriteLine("|---|---|---:|---|---:|");
            foreach (var row in run.Metrics)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {row.Metric} | {row.Category} | {row.Mean:0.###} | [{row.Low:0.###}, {row.High:0.###}] | {row.N} |"));
            }
        }));
        return new Command("runs", "The run store: list and show recorded runs") { store, runsDirectory, list, show };
    }

    private static IRunStore Open(string? store, string runsDirectory)
    {
        var connection = EvalCommand.StoreConnection(store, runsDirectory);
        // Listing must not create an empty store where none was meant to be.
        if (!connection.Contains('=', StringComparison.Ordinal) && !File.Exists(connection))
        {
            throw new DomainDataException($"{connection}: no run store yet (run 'tailor eval' first, or pass --store).");
        }
        return RunStoreFactory.Open(connection);
    }
}
