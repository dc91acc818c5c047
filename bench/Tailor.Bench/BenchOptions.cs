using System.Globalization;

namespace Tailor.Bench;

/// <summary>Command-line options. <c>--quick</c> only changes defaults: explicit flags still win.</summary>
internal sealed record BenchOptions
{
    public bool Quick { get; init; }
    public IReadOnlyList<string> Configs { get; init; } = [.. BenchConfigs.Names];
    public IReadOnlyList<string> Dtypes { get; init; } = ["fp32", "bf16"];
    public IReadOnlyList<int> Batches { get; init; } = [1, 16];
    public int Threads { get; init; } = 2;
    public int Warmup { get; init; } = 2;
    public int Reps { get; init; } = 7;
    public int PromptTokens { get; init; } = 128;
    public int DecodePrefillTokens { get; init; } = 16;
    public int DecodeSteps { get; init; } = 32;
    public string? OutFile { get; init; }
    public bool Verbose { get; init; }

    public const string Usage = """
        Tailor engine speed benchmark: prefill and decode tokens/s of random-weight Llama models.

        dotnet run -c Release --project bench/Tailor.Bench -- [options]
        dotnet run -c Release --project bench/Tailor.Bench -- train --help    (the training benchmark)
        dotnet run -c Release --project bench/Tailor.Bench -- suggest --help  (the domain suggester benchmark)

          --configs 8m,20m,120m  model configurations (default: all of 8m,20m,120m)
          --dtypes fp32,bf16     weight/activation dtypes (default: fp32,bf16)
          --batches 1,16         batch sizes (default: 1,16)
          --threads N            torch intra-op threads (default: 2)
          --warmup N             untimed warm-up iterations per case (default: 2)
          --reps N               timed repetitions per case (default: 7)
          --out FILE             also write the Markdown report to FILE
          --verbose              print every repetition's time to stderr
          --quick                smoke run (~30 s): 20m only, 1 warm-up, 3 reps (explicit flags override)
          -h, --help             this text
        """;

    /// <summary>Parses the arguments; returns null (after printing why) when they are not valid.</summary>
    public static BenchOptions? Parse(string[] args, TextWriter error)
    {
        bool quick = args.Contains("--quick");
        var o = quick
            ? new BenchOptions { Quick = true, Configs = ["20m"], Warmup = 1, Reps = 3 }
            : new BenchOptions();
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--quick": break;
                    case "--configs": o = o with { Configs = ParseConfigs(Value()) }; break;
                    case "--dtypes": o = o with { Dtypes = ParseDtypes(Value()) }; break;
                    case "--batches": o = o with { Batches = ParseInts(Value(), "--batches") }; break;
                    case "--threads": o = o with { Threads = ParseInts(Value(), "--threads").Single() }; break;
                    case "--warmup": o = o with { Warmup = ParseInt(Value(), "--warmup", min: 0) }; break;
                    case "--reps": o = o with { Reps = ParseInt(Value(), "--reps", min: 1) }; break;
                    case "--out": o = o with { OutFile = Value() }; break;
                    case "--verbose": o = o with { Verbose = true }; break;
                    default: throw new FormatException($"unknown argument '{args[i]}'");
                }
            }
        }
        catch (FormatException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine();
            error.WriteLine(Usage);
            return null;
        }
        return o;
    }

    static List<string> Split(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    static List<string> ParseConfigs(string value)
    {
        var names = Split(value).Select(n => n.ToLowerInvariant()).ToList();
        foreach (var n in names)
            if (!BenchConfigs.Names.Contains(n)) throw new FormatException($"--configs: unknown config '{n}' (known: {string.Join(", ", BenchConfigs.Names)})");
        return names.Count > 0 ? names : throw new FormatException("--configs is empty");
    }

    static List<string> ParseDtypes(string value)
    {
        var names = Split(value).Select(n => n.ToLowerInvariant()).ToList();
        foreach (var n in names)
            if (n is not ("fp32" or "bf16")) throw new FormatException($"--dtypes: unknown dtype '{n}' (known: fp32, bf16)");
        return names.Count > 0 ? names : throw new FormatException("--dtypes is empty");
    }

    static List<int> ParseInts(string value, string flag)
    {
        var list = Split(value).Select(s => ParseInt(s, flag, min: 1)).ToList();
        return list.Count > 0 ? list : throw new FormatException($"{flag} is empty");
    }

    static int ParseInt(string s, string flag, int min) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min
            ? v
            : throw new FormatException($"{flag}: '{s}' is not an integer >= {min}");
}
