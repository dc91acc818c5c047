using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Tailor.Server.Metrics;

/// <summary>
/// Listens to one <see cref="Meter"/>'s counters and histograms and writes them in the Prometheus text exposition
/// format (version 0.0.4): counters as running totals, histograms as cumulative buckets with _sum and _count, each
/// series keyed by its tags. Small on purpose: the server has a handful of instruments and no exporter dependency.
/// </summary>
public sealed class PrometheusTextExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly IReadOnlyDictionary<string, double[]> _buckets;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, Family> _families = new(StringComparer.Ordinal);

    /// <param name="buckets">Bucket upper bounds per histogram name; a histogram not named gets one +Inf bucket.</param>
    public PrometheusTextExporter(Meter meter, IReadOnlyDictionary<string, double[]> buckets)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _buckets = buckets ?? throw new ArgumentNullException(nameof(buckets));
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                lock (_gate)
                {
                    _families[instrument.Name] = new Family(instrument.Name, instrument.Description ?? "",
                        instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal));
                }
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    /// <summary>Every series seen so far, families in name order, series in label order.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        lock (_gate)
        {
            foreach (var family in _families.Values)
            {
                text.Append("# HELP ").Append(family.Name).Append(' ').Append(family.Help).Append('\n');
                text.Append("# TYPE ").Append(family.Name).Append(family.IsHistogram ? " histogram\n" : " counter\n");
                foreach (var (labels, series) in family.Series)
                {
                    if (family.IsHistogram)
                    {
                        var cumulative = 0L;
                        for (var b = 0; b < series.Bounds.Length; b++)
                        {
                            cumulative += series.BucketCounts[b];
                            Line(text, family.Name + "_bucket", Join(labels, $"le=\"{Number(series.Bounds[b])}\""), cumulative);
                        }
                        Line(text, family.Name + "_bucket", Join(labels, "le=\"+Inf\""), series.Count);
                        Line(text, family.Name + "_sum", labels, series.Sum);
                        Line(text, family.Name + "_count", labels, series.Count);
                    }
                    else
                    {
                        Line(text, family.Name, labels, series.Sum);
                    }
                }
            }
        }
        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        lock (_gate)
        {
            if (!_families.TryGetValue(instrument.Name, out var family))
            {
                return;
            }
            if (!family.Series.TryGetValue(labels, out var series))
            {
                var bounds = family.IsHistogram && _buckets.TryGetValue(family.Name, out var b) ? b : [];
                series = new Series(bounds);
                family.Series[labels] = series;
            }
            series.Add(value);
        }
    }

    /// <summary>The tags as Prometheus labels, sorted by name, values escaped.</summary>
    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var pairs = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
        {
            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal);
            pairs.Add($"{key}=\"{escaped}\"");
        }
        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    private static string Join(string labels, string extra) => labels.Length == 0 ? extra : labels + "," + extra;

    private static void Line(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }
        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private sealed record Family(string Name, string Help, bool IsHistogram)
    {
        public SortedDictionary<string, Series> Series { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>One labelled series: a counter's total in <see cref="Sum"/>, or a histogram's buckets, sum and count.</summary>
    private sealed class Series(double[] bounds)
    {
        public double[] Bounds { get; } = bounds;

        public long[] BucketCounts { get; } = new long[bounds.Length];

        public double Sum { get; private set; }

        public long Count { get; private set; }

        public void Add(double value)
        {
            Sum += value;
            Count++;
            var bucket = Array.FindIndex(Bounds, bound => value <= bound);
            if (bucket >= 0)
            {
                BucketCounts[bucket]++;
            }
        }
    }
}
