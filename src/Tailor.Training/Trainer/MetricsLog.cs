using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tailor.Training.Trainer;

/// <summary>
/// <c>metrics.jsonl</c>: one JSON object per logging or evaluation event, each with its <c>step</c>.
/// A resumed run first drops the lines written after its checkpoint, so the file reads as if the
/// run had never stopped.
/// </summary>
public sealed class MetricsLog(string path)
{
    public string Path { get; } = path;

    public void Append(long step, IReadOnlyDictionary<string, double> values)
    {
        var line = new JsonObject { ["step"] = step };
        foreach (var (k, v) in values) line[k] = double.IsFinite(v) ? v : null;
        File.AppendAllText(Path, line.ToJsonString() + "\n");
    }

    public void TruncateAfter(long step)
    {
        if (!File.Exists(Path)) return;
        var kept = File.ReadAllLines(Path).Where(l => l.Length > 0 && StepOf(l) <= step).ToList();
        var tmp = Path + ".tmp";
        File.WriteAllLines(tmp, kept);
        File.Move(tmp, Path, overwrite: true);
    }

    /// <summary>All events, as (step, metrics) pairs, for plots and reports.</summary>
    public static List<(long Step, Dictionary<string, double> Values)> Read(string path)
    {
        var rows = new List<(long, Dictionary<string, double>)>();
        if (!File.Exists(path)) return rows;
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            try
            {
                var obj = JsonNode.Parse(line)!.AsObject();
                var values = obj.Where(p => p.Key != "step" && p.Value is not null)
                    .ToDictionary(p => p.Key, p => p.Value!.GetValue<double>());
                rows.Add((obj["step"]!.GetValue<long>(), values));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NullReferenceException)
            {
                throw new TrainingException($"{path}:{lineNumber}: not a metrics record: {e.Message}", e);
            }
        }
        return rows;
    }

    static long StepOf(string line) =>
        JsonNode.Parse(line)?["step"]?.GetValue<long>() ?? long.MaxValue;

    public static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
