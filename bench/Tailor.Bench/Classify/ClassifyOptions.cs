using System.Globalization;
using Tailor.Sentiment;

namespace Tailor.Bench.Classify;

/// <summary>Options of the <c>classify</c> subcommand.</summary>
internal sealed record ClassifyOptions
{
    public const string Usage = """
        Tailor.Bench classify: throughput and latency of a sentiment model, as `tailor classify` and POST /v1/classify run it.

          --model DIR        sentiment model folder (default: models/sentiment)
          --data FILE        review JSONL, .gz ok (default: ../shared/data/imdb/test.jsonl.gz; kept outside the repository)
          --reviews N        the first N reviews of the file are classified at each batch size (default: 1000)
          --batches LIST     batch sizes, comma separated (default: 1,8,32)
          --warmup N         untimed reviews first, one by one (default: 8)
          --threads N        torch intra-op threads (default: 2)
          --out FILE         also write the Markdown report here (e.g. bench/results/classify.md)
        """;

    public string Model { get; init; } = SentimentModels.DefaultModelDir;
    public string Data { get; init; } = "../shared/data/imdb/test.jsonl.gz";
    public int Reviews { get; init; } = 1000;
    public IReadOnlyList<int> Batches { get; init; } = [1, 8, 32];
    public int Warmup { get; init; } = 8;
    public int Threads { get; init; } = 2;
    public string? OutFile { get; init; }

    /// <summary>The options, or null after writing what is wrong to <paramref name="errors"/>.</summary>
    public static ClassifyOptions? Parse(string[] args, TextWriter errors)
    {
        var options = new ClassifyOptions();
        for (int i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                errors.WriteLine($"{args[i]} needs a value\n{Usage}");
                return null;
            }
            string name = args[i], value = args[++i];
            int Number(string text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
                ? n : throw new FormatException($"{name} takes positive integers, not '{text}'");
            try
            {
                options = name switch
                {
                    "--model" => options with { Model = value },
                    "--data" => options with { Data = value },
                    "--reviews" => options with { Reviews = Number(value) },
                    "--batches" => options with { Batches = [.. value.Split(',', StringSplitOptions.TrimEntries).Select(Number)] },
                    "--warmup" => options with { Warmup = Number(value) },
                    "--threads" => options with { Threads = Number(value) },
                    "--out" => options with { OutFile = value },
                    _ => throw new FormatException($"unknown option {name}"),
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
