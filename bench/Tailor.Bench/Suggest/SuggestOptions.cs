using System.Globalization;

namespace Tailor.Bench.Suggest;

/// <summary>Options of the <c>suggest</c> subcommand.</summary>
internal sealed record SuggestOptions
{
    public const string Usage = """
        Tailor.Bench suggest: latency and batch throughput of a domain suggester, as `tailor suggest` and `tailor serve` run it.

          --suggester SPEC   suggester spec, as for `tailor suggest` (default: guarded:model:models/domains)
          --suite FILE       JSONL suite whose descriptions are used, in order (default: data/suites/holdout.jsonl)
          --requests N       timed one-by-one requests (default: 200)
          --warmup N         untimed requests first (default: 10)
          --batch N          requests per batch for the throughput case (default: 32)
          --batches N        timed batches (default: 4)
          --threads N        torch intra-op threads (default: 2)
          --out FILE         also write the Markdown report here
        """;

    public string Suggester { get; init; } = "guarded:model:models/domains";
    public string Suite { get; init; } = "data/suites/holdout.jsonl";
    public int Requests { get; init; } = 200;
    public int Warmup { get; init; } = 10;
    public int Batch { get; init; } = 32;
    public int Batches { get; init; } = 4;
    public int Threads { get; init; } = 2;
    public string? OutFile { get; init; }

    /// <summary>The options, or null after writing what is wrong to <paramref name="errors"/>.</summary>
    public static SuggestOptions? Parse(string[] args, TextWriter errors)
    {
        var options = new SuggestOptions();
        for (int i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                errors.WriteLine($"{args[i]} needs a value\n{Usage}");
                return null;
            }
            string value = args[++i];
            int Number() => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
                ? n : throw new FormatException($"{args[i - 1]} takes a positive integer, not '{value}'");
            try
            {
                options = args[i - 1] switch
                {
                    "--suggester" => options with { Suggester = value },
                    "--suite" => options with { Suite = value },
                    "--requests" => options with { Requests = Number() },
                    "--warmup" => options with { Warmup = Number() },
                    "--batch" => options with { Batch = Number() },
                    "--batches" => options with { Batches = Number() },
                    "--threads" => options with { Threads = Number() },
                    "--out" => options with { OutFile = value },
                    var other => throw new FormatException($"unknown option {other}"),
                };
            }
            catch (FormatException e)
            {
                errors.WriteLine($"{e.Message}\n{Usage}");
                return null;
            }
        }
        return options;
    }
}
