using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Tailor.Domains.Tests.Availability;

/// <summary>
/// A local RDAP server (Kestrel on 127.0.0.1, a free port) answering GET /rdap/domain/{name} by the name's first
/// label: "taken*" and "held*" 200 with an RFC 9083 domain object, "broken*" 500, "slow*" after 30 s (or when the
/// client gives up), anything else 404 with an RFC 9083 error object.
/// </summary>
internal sealed class FakeRdapServer : IAsyncDisposable
{
    private WebApplication _app = null!;

    /// <summary>The base URL to configure, ending in "/rdap/".</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Requests per domain name.</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    public int RequestsFor(string domain) => Requests.GetValueOrDefault(domain);

    public static async Task<FakeRdapServer> StartAsync()
    {
        var server = new FakeRdapServer();
        (server._app, var address) = await LoopbackApp.StartAsync(app => app.MapGet("/rdap/domain/{name}", server.HandleAsync));
        server.BaseUrl = new Uri(address, "/rdap/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> HandleAsync(string name, HttpContext context)
    {
        Requests.AddOrUpdate(name, 1, (_, n) => n + 1);
        if (name.StartsWith("slow", StringComparison.Ordinal))
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty;
            }
        }
        if (name.StartsWith("broken", StringComparison.Ordinal))
        {
            return Results.StatusCode(500);
        }
        if (name.StartsWith("taken", StringComparison.Ordinal) || name.StartsWith("held", StringComparison.Ordinal))
        {
            return Results.Text($$"""{"objectClassName":"domain","ldhName":"{{name}}","status":["active"],"rdapConformance":["rdap_level_0"]}""", "application/rdap+json", statusCode: 200);
        }
        return Results.Text("""{"errorCode":404,"title":"Not Found","rdapConformance":["rdap_level_0"]}""", "application/rdap+json", statusCode: 404);
    }
}
