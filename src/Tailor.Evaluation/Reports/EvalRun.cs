using System.Text;
using System.Text.Json;
using Tailor.Evaluation.Scoring;
using Tailor.Evaluation.Statistics;

namespace Tailor.Evaluation.Reports;

/// <summary>Reads an evaluation run's folder back (for comparisons).</summary>
public static class EvalRun
{
    /// <summary>Loads run.json, results.jsonl and metrics.json of <paramref name="evalDirectory"/>.</summary>
    /// <exception cref="InvalidDataException">A file is missing or not what <see cref="EvalReport.Write"/> writes.</exception>
    public static LoadedRun Read(string evalDirectory)
    {
        ArgumentNullException.ThrowIfNull(evalDirectory);
        var info = ReadJson<EvalRunInfo>(Path.Combine(evalDirectory, EvalFiles.Info));
        var metrics = ReadJson<SuiteMetrics>(Path.Combine(evalDirectory, EvalFiles.Metrics));
        var resultsPath = Path.Combine(evalDirectory, EvalFiles.Results);
        Require(resultsPath);
        var results = new List<CaseResult>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(resultsPath, Encoding.UTF8))
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                results.Add(Parse<CaseResult>(line, $"{resultsPath}:{lineNumber}"));
            }
        }
        return new LoadedRun(evalDirectory, info, results, metrics);
    }

    private static T ReadJson<T>(string path)
    {
        Require(path);
        return Parse<T>(File.ReadAllText(path, Encoding.UTF8), path);
    }

    private static void Require(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: not found; is this an evaluation run's folder?");
        }
    }

    private static T Parse<T>(string json, string where)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, EvalJson.Compact)
                ?? throw new InvalidDataException($"{where}: empty JSON.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: {e.Message}", e);
        }
    }
}
