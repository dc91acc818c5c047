using System.Diagnostics;
using System.Text.Json;

namespace Tailor.Sentiment.Encoder;

/// <summary>
/// Wall seconds per pipeline stage, kept in a JSON file so that a resumed run adds to what the killed run spent
/// (the report's "how long each stage took").
/// </summary>
public sealed class StageLog
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    readonly string path;
    readonly SortedDictionary<string, double> seconds;

    StageLog(string path, SortedDictionary<string, double> seconds)
    {
        this.path = path;
        this.seconds = seconds;
    }

    public IReadOnlyDictionary<string, double> Seconds => seconds;

    public static StageLog Open(string path) => new(path, File.Exists(path)
        ? JsonSerializer.Deserialize<SortedDictionary<string, double>>(File.ReadAllText(path)) ?? new(StringComparer.Ordinal)
        : new(StringComparer.Ordinal));

    public void Time(string stage, Action run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var clock = Stopwatch.StartNew();
        try
        {
            run();
        }
        finally
        {
            seconds[stage] = seconds.GetValueOrDefault(stage) + clock.Elapsed.TotalSeconds;
            File.WriteAllText(path, JsonSerializer.Serialize(seconds, Indented));
        }
    }
}
