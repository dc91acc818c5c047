using System.Net;
using System.Text.Json;

namespace Tailor.Server.Tests;

public sealed class HealthAndMetricsTests
{
    [Fact]
    public async Task Healthz_is_ok_with_the_suggester_name()
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("baseline", body.RootElement.GetProperty("suggester").GetString());
        Assert.Equal("keyword-rules", body.RootElement.GetProperty("settings").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Metrics_count_requests_by_route_and_status_blocked_and_latency()
    {
        await using var server = await RunningServer.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await server.Client.PostAsync("/v1/suggest", ApiClient.Json(new { business_description = "a coffee roastery" }));
        }
        await server.Client.PostAsync("/v1/suggest", ApiClient.Json(new { business_description = "we sell cocaine online" }));
        await server.Client.PostAsync("/v1/suggest", """{"business_description":""}""");

        using var response = await server.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("# TYPE tailor_http_requests_total counter", text, StringComparison.Ordinal);
        Assert.Contains("tailor_http_requests_total{route=\"/v1/suggest\",status=\"200\"} 4\n", text, StringComparison.Ordinal);
        Assert.Contains("tailor_http_requests_total{route=\"/v1/suggest\",status=\"422\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("tailor_suggestions_blocked_total{category=\"illegal-drugs\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE tailor_http_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("tailor_http_request_duration_seconds_bucket{route=\"/v1/suggest\",le=\"+Inf\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("tailor_http_request_duration_seconds_count{route=\"/v1/suggest\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("tailor_batch_size_sum 4\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_servers_in_one_process_count_apart()
    {
        await using var first = await RunningServer.StartAsync();
        await using var second = await RunningServer.StartAsync();
        await first.Client.PostAsync("/v1/suggest", ApiClient.Json(new { business_description = "a bakery" }));

        var text = await second.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.DoesNotContain("route=\"/v1/suggest\"", text, StringComparison.Ordinal);
    }
}
