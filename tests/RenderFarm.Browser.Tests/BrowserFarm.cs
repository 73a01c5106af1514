using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Playwright;
using RenderFarm.Farm.Painters;
using RenderFarm.TestSupport;

namespace RenderFarm.Browser.Tests;

/// <summary>
/// Gateway, Gallery and Worker as real processes on real ports (a browser cannot reach a TestServer), on the real
/// RabbitMQ, Redis and Azurite, with small canvases; and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class BrowserFarm : IAsyncLifetime
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    readonly List<ServiceProcess> services = [];

    /// <summary>
    /// A quick neural painter for the gallery's many paintings, a built-in one, and every artwork of the product's
    /// manifest, so the page offers the choice a deployment does.
    /// </summary>
    public static IReadOnlyList<string> Painters { get; } =
    [
        "udnie", "ink",
        .. PainterManifest.Load(SharedData.RepoManifest).Painters.Where(p => p.IsArtwork).Select(p => p.Name),
    ];

    public ServiceProcess Gateway { get; private set; } = null!;
    public ServiceProcess Gallery { get; private set; } = null!;
    public ServiceProcess Worker { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>$FARM_STATE/screenshots (FARM_STATE defaults to &lt;repo&gt;/.farm).</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("FARM_STATE") is { Length: > 0 } state ? state : Path.Combine(SharedData.RepoRoot, ".farm"),
        "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);

        // Each service must know the other's address before either starts: the Gateway hands out Gallery URLs,
        // and the Gallery lets the Gateway's page delete a painting (CORS).
        var gatewayPort = ServiceProcess.FreePort();
        var galleryPort = ServiceProcess.FreePort();
        while (galleryPort == gatewayPort) galleryPort = ServiceProcess.FreePort();

        var settings = settingsUsed = FarmSettings.OnlyPainters(Painters, 256, 320);
        settings["GalleryLinks:PublicBaseUrl"] = $"http://127.0.0.1:{galleryPort}";
        settings["Feed:PublicBaseUrl"] = $"http://127.0.0.1:{galleryPort}";
        settings["Cors:AllowedOrigins:0"] = $"http://127.0.0.1:{gatewayPort}";

        Gallery = Track(ServiceProcess.Start("Gallery", settings, galleryPort));
        Gateway = Track(ServiceProcess.Start("Gateway", settings, gatewayPort));
        Worker = Track(ServiceProcess.Start("Worker", settings));
        await Task.WhenAll(
            Gallery.WaitUntilHealthyAsync(StartTimeout),
            Gateway.WaitUntilHealthyAsync(StartTimeout),
            Worker.WaitUntilHealthyAsync(StartTimeout));

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's Chromium; Playwright must not (and here cannot) download a browser of its own.
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    ServiceProcess Track(ServiceProcess service)
    {
        services.Add(service);
        return service;
    }

    /// <summary>A fresh browser context (its own localStorage) and page; console errors and CSP refusals are collected.</summary>
    public async Task<BrowserPage> OpenAsync(int width = 1280, int height = 900, bool touch = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
            HasTouch = touch,
            IsMobile = touch,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(30_000);
        return await BrowserPage.OpenAsync(context);
    }

    public Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name), FullPage = fullPage });

    /// <summary>
    /// Uploads a photo through the API (not the page) and returns the job's id and delete token; waits out a 429 or
    /// 503 as its Retry-After says.
    /// </summary>
    public async Task<(string Id, string DeleteToken)> UploadAsync(string path, bool listed, string style = "auto")
    {
        var bytes = await File.ReadAllBytesAsync(path);
        for (var attempt = 1; ; attempt++)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var form = new MultipartFormDataContent
            {
                { file, "photo", Path.GetFileName(path) },
                { new StringContent(style), "style" },
                { new StringContent(listed ? "true" : "false"), "listed" },
            };
            using var response = await Http.PostAsync($"{Gateway.BaseUrl}/api/portraits", form);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && attempt < 20)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"upload of {Path.GetFileName(path)}: {(int)response.StatusCode} {body}");
            using var json = JsonDocument.Parse(body);
            return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("deleteToken").GetString()!);
        }
    }

    public async Task<JsonElement> GetJobAsync(string id)
    {
        var body = await Http.GetStringAsync($"{Gateway.BaseUrl}/api/portraits/{id}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public Task<JsonElement> WaitForEndAsync(string id) =>
        Eventually.WaitForAsync(() => GetJobAsync(id),
            job => job.GetProperty("status").GetString() is "succeeded" or "failed" or "canceled" or "expired",
            TimeSpan.FromSeconds(120), $"job {id} to end");

    /// <summary>The service logs, for a failing assertion's message.</summary>
    public string Logs(int lines = 40) => string.Join("\n\n", services.Select(s =>
        $"--- {s.Name} ---\n{string.Join('\n', s.Output.Split('\n').TakeLast(lines))}"));

    Dictionary<string, string?>? settingsUsed;

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        Http.Dispose();
        foreach (var service in services.AsEnumerable().Reverse())
            await service.DisposeAsync();
        if (settingsUsed is not null)
            await TestQueues.DeleteAsync(settingsUsed);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFarm>
{
    public const string Name = "browser";
}
