using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tailor.Domains.Data;
using Tailor.Domains.Suggestions;
using TorchSharp;

namespace Tailor.Bench.Suggest;

/// <summary>
/// The <c>suggest</c> subcommand: per-request latency of a suggester called one request at a time (what
/// <c>tailor suggest</c> does), then the throughput of whole batches (what the server's batcher hands it), then the
/// process's resident memory. Descriptions come from a suite in order, so every run times the same requests.
/// </summary>
internal static class SuggestBench
{
    public static int Run(string[] args)
    {
        if (args.Contains("-h") || args.Contains("--help"))
        {
            Console.WriteLine(SuggestOptions.Usage);
            return 0;
        }
        var options = SuggestOptions.Parse(args, Console.Error);
        if (options is null) return 2;
        torch.set_num_threads(options.Threads);

        var descriptions = DomainDatasetFile.Read(options.Suite).Where(r => !r.Blocked).Select(r => r.Description).ToList();
        if (descriptions.Count == 0)
        {
            Console.Error.WriteLine($"{options.Suite} has no answerable cases");
            return 2;
        }
        string Description(int i) => descriptions[i % descriptions.Count];

        Console.Error.WriteLine($"loading {options.Suggester} ...");
        var suggester = SuggesterSpec.Parse(options.Suggester);
        for (int i = 0; i < options.Warmup; i++) suggester.SuggestAsync(new SuggestionRequest(Description(i))).GetAwaiter().GetResult();

        Console.Error.WriteLine($"{options.Requests} requests one by one ...");
        var latencies = new List<double>(options.Requests);
        var names = 0;
        for (int i = 0; i < options.Requests; i++)
        {
            var request = new SuggestionRequest(Description(options.Warmup + i));
            var started = Stopwatch.GetTimestamp();
            var result = suggester.SuggestAsync(request).GetAwaiter().GetResult();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            names += result.Suggestions.Count;
        }

        var batchRate = double.NaN;
        if (suggester is IBatchDomainSuggester batcher)
        {
            Console.Error.WriteLine($"{options.Batches} batches of {options.Batch} ...");
            var requests = Enumerable.Range(0, options.Batch * options.Batches).Select(i => new SuggestionRequest(Description(i))).ToList();
            batcher.SuggestBatchAsync(requests.Take(options.Batch).ToList()).GetAwaiter().GetResult();
            var started = Stopwatch.GetTimestamp();
            foreach (var chunk in requests.Chunk(options.Batch)) batcher.SuggestBatchAsync(chunk).GetAwaiter().GetResult();
            batchRate = requests.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        var report = Report(options, latencies, names, batchRate);
        Console.Write(report);
        if (options.OutFile is { } outFile)
        {
            File.WriteAllText(outFile, report);
            Console.Error.WriteLine($"wrote {outFile}");
        }
        (suggester as IDisposable)?.Dispose();
        return 0;
    }

    static string Report(SuggestOptions options, List<double> latencies, int names, double batchRate)
    {
        latencies.Sort();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"# Suggest benchmark: {options.Suggester}");
        text.AppendLine();
        text.AppendLine(c, $"{Environment.ProcessorCount} cores, {options.Threads} torch threads, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z; suite {options.Suite}.");
        text.AppendLine();
        text.AppendLine("| measure | value |");
        text.AppendLine("|---|---:|");
        text.AppendLine(c, $"| requests one by one | {latencies.Count} |");
        text.AppendLine(c, $"| names per request | {names / (double)latencies.Count:0.0} |");
        text.AppendLine(c, $"| latency p50 (ms) | {Percentile(0.50):0.0} |");
        text.AppendLine(c, $"| latency p90 (ms) | {Percentile(0.90):0.0} |");
        text.AppendLine(c, $"| latency p99 (ms) | {Percentile(0.99):0.0} |");
        text.AppendLine(c, $"| latency max (ms) | {latencies[^1]:0.0} |");
        text.AppendLine(c, $"| one-by-one requests/s | {1000 * latencies.Count / latencies.Sum():0.0} |");
        if (!double.IsNaN(batchRate)) text.AppendLine(c, $"| batches of {options.Batch}: requests/s | {batchRate:0.0} |");
        text.AppendLine(c, $"| resident memory now (MB) | {Status("VmRSS") / 1e6:0} |");
        text.AppendLine(c, $"| resident memory peak (MB) | {Status("VmHWM") / 1e6:0} |");
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
