using Microsoft.Playwright;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace RenderFarm.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class GalleryWallTests(BrowserFarm farm)
{
    const int Seeded = 16;
    const int PageSize = 4;
    static readonly string[] Faces = ["astronaut.png", "hopper.jpg", "kodim04.png", "camera.png", "kodim12.png", "kodim18.png"];

    [Fact]
    public async Task The_wall_hangs_more_paintings_as_you_scroll_in_two_columns_on_a_phone_and_opens_one_full_size()
    {
        var seeded = await SeedListedPaintingsAsync(Seeded);
        try
        {
            // A phone, with a small page size so that the wall needs several pages.
            await using var phone = await farm.OpenAsync(360, 640, touch: true);
            var page = phone.Page;
            await phone.GotoAsync($"{farm.Gallery.BaseUrl}/wall?pageSize={PageSize}");

            var tiles = page.Locator("#wall .tile");
            await Expect(tiles.First).ToBeVisibleAsync();
            await WaitUntilSettledAsync(page);
            var before = await tiles.CountAsync();
            Assert.True(before >= PageSize && before % PageSize == 0, $"{before} tiles after the first pages");
            Assert.True(before < Seeded, $"the wall loaded {before} tiles before any scroll; it should load as the reader scrolls");

            // At least two columns on a 360 px screen.
            var first = (await tiles.Nth(0).BoundingBoxAsync())!;
            var second = (await tiles.Nth(1).BoundingBoxAsync())!;
            Assert.Equal(first.Y, second.Y, 1.0);
            Assert.True(second.X >= first.X + first.Width, "the first two tiles should sit side by side");
            Assert.True(first.Width >= 120, $"tiles are {first.Width} px wide");
            await phone.AssertFitsTheScreenWidthAsync();
            await farm.ScreenshotAsync(page, "gallery-wall-phone.png", fullPage: false);

            // Scrolling down hangs more, without duplicates, until every seeded painting is on the wall.
            var ids = new List<string>();
            for (var scroll = 0; scroll < 60; scroll++)
            {
                await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
                await Task.Delay(150);
                await WaitUntilSettledAsync(page);
                ids = [.. await tiles.EvaluateAllAsync<string[]>("tiles => tiles.map(t => t.dataset.galleryId)")];
                if (seeded.All(s => ids.Contains(s.GalleryId))) break;
            }
            Assert.True(ids.Count > before, $"scrolling loaded nothing ({ids.Count} tiles)");
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.All(seeded, s => Assert.Contains(s.GalleryId, ids));

            // A tile opens the full painting with its style and date; Esc closes it.
            var chosen = seeded[0];
            var tile = page.Locator($"[data-gallery-id=\"{chosen.GalleryId}\"]");
            await tile.GetByRole(AriaRole.Button).ClickAsync();
            var lightbox = page.Locator("#lightbox");
            await Expect(lightbox).ToBeVisibleAsync();
            await Expect(page.Locator("#lightbox-image")).ToHaveAttributeAsync("src", chosen.ImageUrl);
            await Expect(page.Locator("#lightbox-title")).ToHaveTextAsync("Udnie");
            await Expect(page.Locator("#lightbox-date")).ToContainTextAsync("Painted ");
            await page.Keyboard.PressAsync("Escape");
            await Expect(lightbox).ToBeHiddenAsync();

            await phone.AssertNoScriptOrPolicyErrorsAsync();

            // The same wall on a desktop screen; the lightbox closes with its button too.
            await using var desktop = await farm.OpenAsync(1280, 900);
            await desktop.GotoAsync($"{farm.Gallery.BaseUrl}/wall");
            await Expect(desktop.Page.Locator("#wall .tile").First).ToBeVisibleAsync();
            await WaitUntilSettledAsync(desktop.Page);
            await desktop.Page.EvaluateAsync("() => Promise.all([...document.querySelectorAll('#wall img')].map(i => i.decode().catch(() => {})))");
            await farm.ScreenshotAsync(desktop.Page, "gallery-wall.png", fullPage: false);

            await desktop.Page.Locator("#wall .tile button").First.ClickAsync();
            await Expect(desktop.Page.Locator("#lightbox")).ToBeVisibleAsync();
            await desktop.Page.EvaluateAsync("() => document.getElementById('lightbox-image').decode().catch(() => {})");
            await Expect(desktop.Page.Locator("#lightbox-image")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex(@"/images/[A-Za-z0-9_-]+\.jpg$"));
            await farm.ScreenshotAsync(desktop.Page, "gallery-lightbox.png", fullPage: false);
            await desktop.Page.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
            await Expect(desktop.Page.Locator("#lightbox")).ToBeHiddenAsync();

            await desktop.AssertNoScriptOrPolicyErrorsAsync();
        }
        finally
        {
            // Leave the shared feed as it was.
            foreach (var painting in seeded)
            {
                using var takedown = new HttpRequestMessage(HttpMethod.Delete, $"{farm.Gallery.BaseUrl}/api/gallery/{painting.GalleryId}");
                takedown.Headers.Add(FarmHeaders.DeleteToken, painting.DeleteToken);
                (await farm.Http.SendAsync(takedown)).Dispose();
            }
        }
    }

    sealed record Painting(string GalleryId, string ImageUrl, string DeleteToken);

    async Task<List<Painting>> SeedListedPaintingsAsync(int count)
    {
        var jobs = new List<(string Id, string DeleteToken)>();
        for (var i = 0; i < count; i++)
            jobs.Add(await farm.UploadAsync(SharedData.Face(Faces[i % Faces.Length]), listed: true, style: "udnie"));
        var ended = await Task.WhenAll(jobs.Select(j => farm.WaitForEndAsync(j.Id)));
        var paintings = new List<Painting>();
        for (var i = 0; i < jobs.Count; i++)
        {
            Assert.True(ended[i].GetProperty("status").GetString() == "succeeded", $"seed job ended {ended[i]}\n{farm.Logs()}");
            paintings.Add(new Painting(ended[i].GetProperty("galleryId").GetString()!, ended[i].GetProperty("imageUrl").GetString()!, jobs[i].DeleteToken));
        }
        return paintings;
    }

    /// <summary>Waits until the wall is not fetching and its tile count holds still (the observer may fetch again).</summary>
    static async Task WaitUntilSettledAsync(IPage page)
    {
        var last = -1;
        for (var i = 0; i < 100; i++)
        {
            await Expect(page.Locator("#wall")).ToHaveAttributeAsync("aria-busy", "false");
            var count = await page.Locator("#wall .tile").CountAsync();
            if (count == last) return;
            last = count;
            await Task.Delay(400);
        }
    }
}
