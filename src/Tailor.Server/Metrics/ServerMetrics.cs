using System.Diagnostics.Metrics;

namespace Tailor.Server.Metrics;

/// <summary>
/// The server's instruments (System.Diagnostics.Metrics), named as Prometheus shows them: requests by route and
/// status, request latency, refusals by safety category, suggester failures, and batch sizes. Each server gets its
/// own <see cref="Meter"/>, so servers side by side in one process (tests) count apart.
/// </summary>
public sealed class ServerMetrics : IDisposable
{
    public const string MeterName = "Tailor.Server";

    public const string Requests = "tailor_http_requests_total";
    public const string RequestDuration = "tailor_http_request_duration_seconds";
    public const string Blocked = "tailor_suggestions_blocked_total";
    public const string SuggesterFailures = "tailor_suggester_failures_total";
    public const string BatchSize = "tailor_batch_size";

    /// <summary>Histogram bucket upper bounds by instrument name.</summary>
    public static readonly IReadOnlyDictionary<string, double[]> Buckets = new Dictionary<string, double[]>(StringComparer.Ordinal)
    {
        [RequestDuration] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        [BatchSize] = [1, 2, 4, 8, 16, 32, 64, 128],
    };

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _blocked;
    private readonly Counter<long> _failures;
    private readonly Histogram<int> _batchSize;

    public ServerMetrics()
    {
        Meter = new Meter(MeterName);
        _requests = Meter.CreateCounter<long>(Requests, description: "HTTP requests by route and status code.");
        _duration = Meter.CreateHistogram<double>(RequestDuration, "s", "HTTP request latency by route.");
        _blocked = Meter.CreateCounter<long>(Blocked, description: "Suggestion requests refused as unsafe, by safety category.");
        _failures = Meter.CreateCounter<long>(SuggesterFailures, description: "Suggester calls that threw (answered 503).");
        _batchSize = Meter.CreateHistogram<int>(BatchSize, description: "Requests per batch handed to the suggester.");
        Exporter = new PrometheusTextExporter(Meter, Buckets);
    }

    public Meter Meter { get; }

    /// <summary>The Prometheus text view of this server's instruments.</summary>
    public PrometheusTextExporter Exporter { get; }

    public void RequestCompleted(string route, int status, TimeSpan elapsed)
    {
        _requests.Add(1, new("route", route), new("status", status));
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("route", route));
    }

    public void SuggestionBlocked(string? category) =>
        _blocked.Add(1, new KeyValuePair<string, object?>("category", category ?? "unknown"));

    public void SuggesterFailed() => _failures.Add(1);

    public void BatchRan(int size) => _batchSize.Record(size);

    public void Dispose()
    {
        Exporter.Dispose();
        Meter.Dispose();
    }
}
