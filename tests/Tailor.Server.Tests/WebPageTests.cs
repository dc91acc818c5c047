using Microsoft.Playwright;

namespace Tailor.Server.Tests;

/// <summary>
/// The web page in a real browser: the machine's chromium driven by Playwright (whose node driver ships in the NuGet
/// package, so nothing is downloaded). Skips, visibly, where chromium is missing, unless TAILOR_REQUIRE_CHROMIUM=1.
/// </summary>
public sealed class WebPageTests
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task Description_in_ten_names_with_bars_out_then_unsafe_description_blocked()
    {
        Skip.If(!File.Exists(Chromium) && Environment.GetEnvironmentVariable("TAILOR_REQUIRE_CHROMIUM") != "1",
            $"{Chromium} is missing: install it (apt-get install -y chromium) to run the browser test; CI sets TAILOR_REQUIRE_CHROMIUM=1.");
        await using var server = await RunningServer.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
        var page = await browser.NewPageAsync(new() { BaseURL = server.BaseUrl.ToString() });

        await page.GotoAsync("/");
        await page.GetByLabel("Describe the business").FillAsync("An organic coffee shop in downtown Portland with vegan pastries");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suggest names" }).ClickAsync();

        var rows = page.Locator("#results-body tr.suggestion");
        await Assertions.Expect(rows).ToHaveCountAsync(10);
        Assert.True(await page.Locator("#results").IsVisibleAsync());
        var bars = page.GetByRole(AriaRole.Meter);
        await Assertions.Expect(bars).ToHaveCountAsync(10);
        var first = int.Parse(await bars.Nth(0).GetAttributeAsync("aria-valuenow") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
        var last = int.Parse(await bars.Nth(9).GetAttributeAsync("aria-valuenow") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(first, 1, 100);
        Assert.True(first >= last, $"bars should fall with rank: {first} then {last}");
        Assert.StartsWith(first + "%", await bars.Nth(0).EvaluateAsync<string>("b => b.style.width"), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#results-body td.domain").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[a-z0-9-]+\.[a-z]+$"));
        await Assertions.Expect(page.Locator("#results-body td.availability").First).ToHaveTextAsync("\u2014");
        Assert.False(await page.Locator("#blocked").IsVisibleAsync());

        await page.GetByLabel("Describe the business").FillAsync("An online shop that sells cocaine and heroin with discreet delivery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suggest names" }).ClickAsync();

        await Assertions.Expect(page.Locator("#blocked")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#blocked-message")).ToHaveTextAsync("Request contains inappropriate content");
        await Assertions.Expect(rows).ToHaveCountAsync(0);
        Assert.False(await page.Locator("#results").IsVisibleAsync());
    }
}
