using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tailor.Sentiment;
using Tailor.Sentiment.Data;
using Tailor.Sentiment.Encoder;
using Tailor.Sentiment.Ensemble;
using TorchSharp;

namespace Tailor.Bench.Classify;

/// <summary>
/// The <c>classify</c> subcommand: a sentiment model on the first N reviews of a file, handed to it in batches of
/// each size in file order (as requests reach the server, not sorted by length): reviews/s, tokens/s (the tokens the
/// model reads, after head+tail truncation, without padding), per-review latency percentiles at batch 1, and the
/// process's resident memory.
/// </summary>
internal static class ClassifyBench
{
    sealed record Row(int Batch, double Seconds, double ReviewsPerSecond, double TokensPerSecond);

    public static int Run(string[] args)
    {
        if (args.Contains("-h") || args.Contains("--help"))
        {
            Console.WriteLine(ClassifyOptions.Usage);
            return 0;
        }
        var options = ClassifyOptions.Parse(args, Console.Error);
        if (options is null) return 2;
        torch.set_num_threads(options.Threads);

        Console.Error.WriteLine($"reading {options.Reviews} reviews of {options.Data} ...");
        var reviews = SentimentDataset.ReadTexts(options.Data, options.Reviews);
        if (reviews.Count == 0)
        {
            Console.Error.WriteLine($"{options.Data} has no reviews");
            return 2;
        }
        Console.Error.WriteLine($"loading {options.Model} ...");
        using var classifier = SentimentModels.Load(options.Model);
        var tokens = TokensRead(classifier, options.Model, reviews);
        foreach (var review in reviews.Take(options.Warmup)) classifier.Classify([review]);

        var rows = new List<Row>();
        var latencies = new List<double>();
        foreach (var batch in options.Batches)
        {
            Console.Error.WriteLine($"{reviews.Count} reviews in batches of {batch} ...");
            var started = Stopwatch.GetTimestamp();
            foreach (var chunk in reviews.Chunk(batch))
            {
                var one = Stopwatch.GetTimestamp();
                classifier.Classify(chunk);
                if (batch == 1) latencies.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
            }
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            rows.Add(new Row(batch, seconds, reviews.Count / seconds, tokens / seconds));
        }

        var report = Report(options, classifier.Name, reviews.Count, tokens, rows, latencies);
        Console.Write(report);
        if (options.OutFile is { } outFile)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(outFile));
            if (folder is not null) Directory.CreateDirectory(folder);
            File.WriteAllText(outFile, report);
            Console.Error.WriteLine($"wrote {outFile}");
        }
        return 0;
    }

    /// <summary>
    /// How many tokens the encoder reads for all reviews (its window after truncation): of the model itself, or of the
    /// ensemble's encoder member; NaN for other kinds.
    /// </summary>
    static double TokensRead(ISentimentClassifier classifier, string modelDir, IReadOnlyList<string> reviews)
    {
        (string Dir, int MaxLength)? encoder = classifier switch
        {
            EncoderSentimentClassifier single => (modelDir, single.MaxLength),
            EnsembleSentimentClassifier => EnsembleManifest.Load(modelDir) is var m ? (Path.Combine(modelDir, m.Encoder), m.MaxLength) : null,
            _ => null,
        };
        if (encoder is not { } e) return double.NaN;
        var tokenizer = ReviewTokenizer.Load(e.Dir);
        return reviews.Sum(r => (double)tokenizer.Encode(r, e.MaxLength).Length);
    }

    static string Report(ClassifyOptions options, string model, int reviews, double tokens, List<Row> rows, List<double> latencies)
    {
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN
            : latencies[Math.Min(latencies.Count - 1, Math.Max(0, (int)Math.Ceiling(p * latencies.Count) - 1))];
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"# Classify benchmark: {model} ({options.Model})");
        text.AppendLine();
        text.AppendLine(c, $"{Environment.ProcessorCount} cores, {options.Threads} torch threads, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z; " +
            $"the first {reviews:N0} reviews of {options.Data}, {tokens / reviews:0} tokens read per review on average, batches in file order.");
        text.AppendLine();
        text.AppendLine("| batch | seconds | reviews/s | tokens/s |");
        text.AppendLine("|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(c, $"| {row.Batch} | {row.Seconds:0.00} | {row.ReviewsPerSecond:0.0} | {row.TokensPerSecond:0} |");
        }
        text.AppendLine();
        if (latencies.Count > 0)
        {
            text.AppendLine(c, $"batch 1 latency per review: p50 {Percentile(0.50):0.0} ms, p90 {Percentile(0.90):0.0} ms, p99 {Percentile(0.99):0.0} ms, max {latencies[^1]:0.0} ms.");
            text.AppendLine();
        }
        text.AppendLine(c, $"resident memory: {Status("VmRSS") / 1e6:0} MB now, {Status("VmHWM") / 1e6:0} MB peak.");
        return text.ToString();
    }

    /// <summary>A /proc/self/status memory line in bytes (NaN off Linux).</summary>
    static double Status(string key)
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path)) return double.NaN;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
