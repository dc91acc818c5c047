using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Bench.Train;

/// <summary>
/// The <c>train</c> subcommand. The parent measures the GEMM peaks, then re-launches this program once per case
/// with <c>--case NAME</c>, so every case starts from a fresh process and its peak RSS (VmHWM) is its own.
/// </summary>
internal static class TrainBench
{
    const string ResultPrefix = "RESULT ";

    public static int Run(string[] args)
    {
        if (args.Contains("-h") || args.Contains("--help"))
        {
            Console.WriteLine(TrainOptions.Usage);
            return 0;
        }
        var options = TrainOptions.Parse(args, Console.Error);
        if (options is null) return 2;
        torch.set_num_threads(options.Threads);
        Harness.Verbose = options.Verbose;
        return options.ChildCase is { } caseName ? RunChild(caseName, options) : RunParent(options);
    }

    /// <summary>Runs one case in this process and prints its measurement as a JSON RESULT line on stdout.</summary>
    static int RunChild(string caseName, TrainOptions options)
    {
        // libtorch is loaded and initialised by now (set_num_threads); what the process holds before the model exists.
        using (var warm = ones(8)) _ = warm.sum().item<float>();
        long baseline = ReadStatusBytes("VmHWM");

        Console.Error.WriteLine($"{caseName}: building the model ...");
        using var workload = new TrainWorkload(caseName);
        double firstLoss = double.NaN;
        int stepsDone = 0;
        Console.Error.WriteLine($"{caseName}: {options.Warmup} warm-up + {options.Steps} timed steps ...");
        var timing = Harness.Run(options.Warmup, options.Steps, TrainShape.TokensPerStep, () =>
        {
            double seconds = Harness.Time(workload.Step);
            if (stepsDone++ == 0) firstLoss = workload.LastLoss;
            return seconds;
        });

        var result = new CaseMeasurement(caseName, workload.Parameters, workload.TrainableParameters,
            TrainShape.FlopsPerToken(workload.Method), TrainShape.TokensPerStep, timing.Seconds,
            firstLoss, workload.LastLoss, baseline, ReadStatusBytes("VmHWM"));
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result, TrainJson.Compact));
        return 0;
    }

    static int RunParent(TrainOptions options)
    {
        var wall = Stopwatch.StartNew();
        var peaks = new Dictionary<string, double>();
        var peakTimings = new Dictionary<string, Timing>();
        foreach (var (name, dtype) in new[] { ("fp32", ScalarType.Float32), ("bf16", ScalarType.BFloat16) })
        {
            Console.Error.WriteLine($"measuring the {name} GEMM peak ({options.GemmSize}³ matmul) ...");
            var t = GemmPeak.Measure(dtype, options.GemmSize, warmup: 2, reps: options.GemmReps);
            peakTimings[name] = t;
            peaks[name] = t.MedianRate;
        }

        var cases = new List<CaseSummary>();
        foreach (var caseName in options.Cases)
        {
            var measured = LaunchChild(caseName, options);
            cases.Add(CaseSummary.From(measured, peaks[TrainShape.DtypeName(caseName)]));
        }

        string engine = $"Tailor (TorchSharp {typeof(torch).Assembly.GetName().Version?.ToString(3)}, libtorch {torch.__version__}, CPU), .NET {Environment.Version}";
        var run = new TrainRun(engine, Report.CpuName(), torch.get_num_threads(), options.Warmup, options.Steps, options.Quick,
            options.GemmSize, peaks, cases, wall.Elapsed.TotalSeconds);
        TrainRun? anchor = null;
        if (options.AnchorFile is { } anchorFile)
        {
            anchor = JsonSerializer.Deserialize<TrainRun>(File.ReadAllText(anchorFile), TrainJson.Options)
                ?? throw new InvalidDataException($"{anchorFile}: empty JSON");
        }

        var report = TrainReport.ToMarkdown(run, peakTimings, anchor, options.AnchorFile);
        Console.Write(report);
        if (options.OutFile is { } outFile)
        {
            WriteFile(outFile, report);
            Console.Error.WriteLine($"wrote {outFile}");
        }
        if (options.JsonFile is { } jsonFile)
        {
            WriteFile(jsonFile, JsonSerializer.Serialize(run, TrainJson.Options) + "\n");
            Console.Error.WriteLine($"wrote {jsonFile}");
        }
        return 0;
    }

    /// <summary>Runs <c>this-program train --case NAME ...</c> and parses its RESULT line; its stderr goes to ours.</summary>
    static CaseMeasurement LaunchChild(string caseName, TrainOptions options)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this program's path to re-launch it");
        var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet Tailor.Bench.dll` the process is the dotnet host: pass it the assembly again.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(TrainBench).Assembly.Location);
        foreach (var a in new[]
        {
            "train", "--case", caseName,
            "--threads", options.Threads.ToString(CultureInfo.InvariantCulture),
            "--warmup", options.Warmup.ToString(CultureInfo.InvariantCulture),
            "--steps", options.Steps.ToString(CultureInfo.InvariantCulture),
        })
        {
            psi.ArgumentList.Add(a);
        }
        if (options.Verbose) psi.ArgumentList.Add("--verbose");

        using var child = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {self}");
        string stdout = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var line = stdout.Split('\n').LastOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
            throw new InvalidOperationException($"case {caseName}: the child process exited with {child.ExitCode} and no result:\n{stdout}");
        return JsonSerializer.Deserialize<CaseMeasurement>(line[ResultPrefix.Length..], TrainJson.Options)
            ?? throw new InvalidDataException($"case {caseName}: empty result");
    }

    /// <summary>A "kB" field of /proc/self/status (VmHWM: peak resident set size) in bytes; -1 where there is none.</summary>
    static long ReadStatusBytes(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
                var kb = line[(field.Length + 1)..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return -1;
    }

    static void WriteFile(string path, string text)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, text);
    }
}
