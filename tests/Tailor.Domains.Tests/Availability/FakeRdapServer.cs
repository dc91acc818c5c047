using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tailor.Domains.Tests.Availability;

/// <summary>
/// A local RDAP server (Kestrel on 127.0.0.1, a free port) answering GET /rdap/domain/{name} by the name's first
/// label: "taken*" and "held*" 200 with an RFC 9083 domain object, "broken*" 500, "slow*" after 30 s (or when the
/// client gives up), anything else 404 with an RFC 9083 error object.
/// </summary>
internal sealed class FakeRdapServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeRdapServer(WebApplication app) => _app = app;

    /// <summary>The base URL to configure, ending in "/rdap/".</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Requests per domain name.</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    public int RequestsFor(string domain) => Requests.GetValueOrDefault(domain);

    public static async Task<FakeRdapServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeRdapServer(app);
        app.MapGet("/rdap/domain/{name}", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/rdap/");
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
