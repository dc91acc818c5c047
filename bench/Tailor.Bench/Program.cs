using System.Diagnostics;
using Tailor.Bench;
using Tailor.Bench.Train;
using Tailor.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

// As the tailor CLI does: keep freed native memory for reuse (see NativeMemory).
Tailor.Engine.Runtime.NativeMemory.KeepFreedMemoryForReuse();

// `train`: the training-speed benchmark (Train/TrainBench.cs); everything else is the engine benchmark.
if (args.Length > 0 && args[0] == "train") return TrainBench.Run(args[1..]);
// `suggest`: a domain suggester's latency, batch throughput and memory (Suggest/SuggestBench.cs).
if (args.Length > 0 && args[0] == "suggest") return Tailor.Bench.Suggest.SuggestBench.Run(args[1..]);
// `classify`: a sentiment model's reviews/s at several batch sizes, latency and memory (Classify/ClassifyBench.cs).
if (args.Length > 0 && args[0] == "classify") return Tailor.Bench.Classify.ClassifyBench.Run(args[1..]);
if (args.Contains("-h") || args.Contains("--help"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
var options = BenchOptions.Parse(args, Console.Error);
if (options is null) return 2;

torch.set_num_threads(options.Threads);
Harness.Verbose = options.Verbose;
var wall = Stopwatch.StartNew();
const long seed = 1234;
const long copyBytes = 256L * 1024 * 1024;

Console.Error.WriteLine($"measuring copy bandwidth ({copyBytes >> 20} MiB float32 copy_) ...");
var copy = EngineCases.CopyBandwidth(copyBytes, warmup: Math.Max(1, options.Warmup), reps: Math.Max(5, options.Reps));

var rows = new List<CaseResult>();
foreach (var configName in options.Configs)
{
    var config = BenchConfigs.Get(configName);
    foreach (var dtypeName in options.Dtypes)
    {
        var dtype = EngineCases.ParseDtype(dtypeName);
        using var model = new LlamaForCausalLM(config).InitializeWeights(seed);
        model.to(dtype);
        model.eval();
        foreach (int batch in options.Batches)
        {
            Console.Error.WriteLine($"{configName} {dtypeName} batch {batch}: prefill ...");
            using var scope = NewDisposeScope();
            var generator = new Generator((ulong)seed);
            var prompt = randint(0, config.VocabSize, [batch, options.PromptTokens], ScalarType.Int64, generator: generator);
            var decodePrompt = prompt.narrow(1, 0, options.DecodePrefillTokens).contiguous();

            var prefill = Harness.Run(options.Warmup, options.Reps, (double)batch * options.PromptTokens,
                () => EngineCases.Prefill(model, prompt));
            Console.Error.WriteLine($"{configName} {dtypeName} batch {batch}: decode ...");
            var decode = Harness.Run(options.Warmup, options.Reps, (double)batch * options.DecodeSteps,
                () => EngineCases.Decode(model, decodePrompt, options.DecodeSteps));
            rows.Add(new CaseResult(configName, config.ParameterCount(), dtypeName, EngineCases.BytesPerElement(dtype), batch, prefill, decode));
        }
    }
}

var report = new Report(options, torch.get_num_threads(), copy, rows, wall.Elapsed).ToMarkdown(
    engine: $"Tailor (TorchSharp {typeof(torch).Assembly.GetName().Version?.ToString(3)}, libtorch {torch.__version__}, CPU), .NET {Environment.Version}");
Console.Write(report);
if (options.OutFile is { } outFile)
{
    var dir = Path.GetDirectoryName(Path.GetFullPath(outFile));
    if (dir is not null) Directory.CreateDirectory(dir);
    File.WriteAllText(outFile, report);
    Console.Error.WriteLine($"wrote {outFile}");
}
return 0;
