using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Domains.Suggestions;
using Tailor.Server.Batching;

namespace Tailor.Server.Tests;

/// <summary>A <see cref="SuggestionServer"/> on Kestrel at 127.0.0.1 (a free port), with a client for it.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUrl { get; }

    public HttpClient Client { get; }

    public static Task<RunningServer> StartAsync(IDomainSuggester? suggester = null, ServerOptions? options = null) =>
        StartAsync(app: SuggestionServer.Build(Local(options), suggester ?? new KeywordBaselineSuggester()));

    public static Task<RunningServer> StartAsync(IBatchDomainSuggester suggester, ServerOptions? options = null) =>
        StartAsync(app: SuggestionServer.Build(Local(options), suggester));

    private static ServerOptions Local(ServerOptions? options) => (options ?? new ServerOptions()) with { Urls = "http://127.0.0.1:0" };

    private static async Task<RunningServer> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
