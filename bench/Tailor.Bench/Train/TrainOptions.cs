using System.Globalization;

namespace Tailor.Bench.Train;

/// <summary>Options of the <c>train</c> subcommand. <c>--quick</c> only changes defaults: explicit flags still win.</summary>
internal sealed record TrainOptions
{
    public static readonly IReadOnlyList<string> CaseNames = ["full-fp32", "full-bf16", "lora-fp32", "lora-bf16"];

    public bool Quick { get; init; }
    public IReadOnlyList<string> Cases { get; init; } = CaseNames;
    public int Threads { get; init; } = 2;
    public int Warmup { get; init; } = 2;
    public int Steps { get; init; } = 6;
    public int GemmSize { get; init; } = 2048;
    public int GemmReps { get; init; } = 7;
    public string? OutFile { get; init; }
    public string? JsonFile { get; init; }
    public string? AnchorFile { get; init; }
    public bool Verbose { get; init; }

    /// <summary>Set in a child process: run this one case here and print its RESULT line.</summary>
    public string? ChildCase { get; init; }

    public const string Usage = """
        Tailor training speed benchmark: full fine-tuning and LoRA steps of a random-weight Llama, fp32 and bf16.
        Each case runs in a fresh child process (so each gets its own peak RSS).

        dotnet run -c Release --project bench/Tailor.Bench -- train [options]

          --cases LIST           any of full-fp32,full-bf16,lora-fp32,lora-bf16 (default: all four)
          --threads N            torch intra-op threads (default: 2)
          --warmup N             untimed warm-up steps per case (default: 2)
          --steps N              timed steps per case (default: 6)
          --gemm-size N          side of the square matmul that measures the GEMM peak (default: 2048)
          --gemm-reps N          timed matmuls per dtype for the peak (default: 7)
          --out FILE             also write the Markdown report to FILE
          --json FILE            also write the figures as JSON to FILE
          --anchor FILE          JSON written by bench/pytorch_train_anchor.py --json: adds the comparison table
          --verbose              print every step's time to stderr
          --quick                smoke run: full-fp32 only, 1 warm-up, 2 timed steps, 3 GEMM reps (explicit flags override)
          --case NAME            (internal) run one case in this process and print a RESULT line
          -h, --help             this text
        """;

    /// <summary>Parses the arguments after <c>train</c>; returns null (after printing why) when they are not valid.</summary>
    public static TrainOptions? Parse(string[] args, TextWriter error)
    {
        bool quick = args.Contains("--quick");
        var o = quick
            ? new TrainOptions { Quick = true, Cases = ["full-fp32"], Warmup = 1, Steps = 2, GemmReps = 3 }
            : new TrainOptions();
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--quick": break;
                    case "--cases": o = o with { Cases = ParseCases(Value()) }; break;
                    case "--case": o = o with { ChildCase = ParseCases(Value()).Single() }; break;
                    case "--threads": o = o with { Threads = ParseInt(Value(), "--threads", min: 1) }; break;
                    case "--warmup": o = o with { Warmup = ParseInt(Value(), "--warmup", min: 0) }; break;
                    case "--steps": o = o with { Steps = ParseInt(Value(), "--steps", min: 1) }; break;
                    case "--gemm-size": o = o with { GemmSize = ParseInt(Value(), "--gemm-size", min: 64) }; break;
                    case "--gemm-reps": o = o with { GemmReps = ParseInt(Value(), "--gemm-reps", min: 1) }; break;
                    case "--out": o = o with { OutFile = Value() }; break;
                    case "--json": o = o with { JsonFile = Value() }; break;
                    case "--anchor": o = o with { AnchorFile = Value() }; break;
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

    static List<string> ParseCases(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant()).ToList();
        foreach (var n in names)
            if (!CaseNames.Contains(n)) throw new FormatException($"unknown case '{n}' (known: {string.Join(", ", CaseNames)})");
        return names.Count > 0 ? names : throw new FormatException("the case list is empty");
    }

    static int ParseInt(string s, string flag, int min) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min
            ? v
            : throw new FormatException($"{flag}: '{s}' is not an integer >= {min}");
}
