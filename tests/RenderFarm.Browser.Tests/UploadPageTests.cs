using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RenderFarm.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace RenderFarm.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class UploadPageTests(BrowserFarm farm)
{
    static readonly TimeSpan PaintTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_photo_shared_to_the_gallery_shows_progress_then_its_painting_which_hangs_on_the_wall_until_its_owner_removes_it()
    {
        await using var upload = await farm.OpenAsync();
        var page = upload.Page;
        await upload.GotoUploadPageAsync(farm.Gateway.BaseUrl);

        // The form: styles from /api/styles with "auto" first and chosen, the gallery opt-in off by default.
        var firstStyle = page.Locator("input[name=style]").First;
        await Expect(firstStyle).ToHaveAttributeAsync("value", "auto");
        await Expect(firstStyle).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Let the painter choose" })).ToBeCheckedAsync();
        await Expect(page.Locator("input[name=style][value=udnie]")).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("Show my painting on the public gallery wall")).Not.ToBeCheckedAsync();
        await Expect(page.Locator("#gallery-link")).ToHaveAttributeAsync("href", $"{farm.Gallery.BaseUrl}/wall");

        await page.Locator("#photo").SetInputFilesAsync(SharedData.Face("hopper.jpg"));
        await Expect(page.Locator("#preview-image")).ToBeVisibleAsync();
        await page.GetByLabel("Show my painting on the public gallery wall").CheckAsync();
        await farm.ScreenshotAsync(page, "upload-form.png");

        // Record every status sentence the page announces, so the progress in between is visible to the test.
        await page.EvaluateAsync("""
            () => {
              window.__statusLog = [];
              new MutationObserver(() => {
                for (const el of document.querySelectorAll('.job-status')) {
                  const text = el.textContent.trim();
                  if (text && window.__statusLog[window.__statusLog.length - 1] !== text) window.__statusLog.push(text);
                }
              }).observe(document.body, { subtree: true, childList: true, characterData: true });
            }
            """);
        var requests = new List<string>();
        page.Request += (_, request) => { lock (requests) requests.Add($"{request.Method} {request.Url}"); };
        await page.GetByRole(AriaRole.Button, new() { Name = "Paint my portrait" }).ClickAsync();

        var job = page.Locator("#job-list .job").First;
        await Expect(job.Locator(".job-status")).Not.ToBeEmptyAsync();
        var jobId = await job.GetAttributeAsync("data-job-id");
        Assert.False(string.IsNullOrEmpty(jobId));
        await farm.ScreenshotAsync(page, "upload-progress.png");

        // The painting appears: the image the API hands out, actually decoded.
        await Expect(job).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = (float)PaintTimeout.TotalMilliseconds });
        var status = await farm.GetJobAsync(jobId!);
        var imageUrl = status.GetProperty("imageUrl").GetString()!;
        var galleryId = status.GetProperty("galleryId").GetString()!;
        Assert.StartsWith(farm.Gallery.BaseUrl + "/", imageUrl);
        var image = job.Locator("img.job-image");
        await Expect(image).ToBeVisibleAsync();
        await Expect(image).ToHaveAttributeAsync("src", imageUrl);
        Assert.True(await image.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0") > 0, "the painting did not decode");
        await Expect(job.Locator(".job-status")).ToHaveTextAsync("Your painting is ready.");
        // Where the farm has artworks, the painter's choice is one of them, named beside the painting.
        var artwork = status.GetProperty("artwork");
        Assert.Equal(JsonValueKind.Object, artwork.ValueKind);
        await Expect(job.Locator(".job-style")).ToHaveTextAsync(artwork.GetProperty("attribution").GetString()!);
        await Expect(job.Locator(".job-style cite")).ToHaveTextAsync(artwork.GetProperty("title").GetString()!);
        // The reason follows without naming the artwork a second time.
        var reason = Regex.Replace(status.GetProperty("styleReason").GetString()!, @"^.*?\(\w+\): ", "");
        await Expect(job.Locator(".job-reason")).ToHaveTextAsync($"Why this style: {reason}");
        await Expect(job.Locator(".job-download")).ToHaveAttributeAsync("download", new Regex(@"\.jpg$"));

        var announced = await page.EvaluateAsync<string[]>("() => window.__statusLog");
        Assert.True(announced.Length >= 2 && announced[^1] == "Your painting is ready.",
            $"expected progress before the result, the page said: {string.Join(" | ", announced)}");
        Assert.Contains(announced, s => s is "Waiting for a free painter…" or "A painter is at work on your portrait…");
        // The status came by Server-Sent Events, without falling back to polling.
        string[] sent;
        lock (requests) sent = [.. requests];
        Assert.Contains($"GET {farm.Gateway.BaseUrl}/api/portraits/{jobId}/events", sent);
        Assert.DoesNotContain($"GET {farm.Gateway.BaseUrl}/api/portraits/{jobId}", sent);
        Assert.DoesNotContain(announced, s => Regex.IsMatch(s, "[a-z]+_[a-z]+"));
        Assert.Contains("status", (await job.Locator(".job-status").GetAttributeAsync("role")) ?? "");
        await farm.ScreenshotAsync(page, "upload-page-auto.png");

        // The wall shows it.
        await using var wall = await farm.OpenAsync();
        await wall.GotoAsync($"{farm.Gallery.BaseUrl}/wall");
        var tile = wall.Page.Locator($"[data-gallery-id=\"{galleryId}\"]");
        await Expect(tile).ToBeVisibleAsync();
        await Expect(tile.Locator("img")).ToHaveAttributeAsync("src", status.GetProperty("thumbnailUrl").GetString()!);
        await farm.ScreenshotAsync(wall.Page, "gallery-wall-with-new-painting.png");

        // A reload resumes from localStorage, and the owner takes the painting down from the upload page.
        await page.ReloadAsync();
        job = page.Locator($"#job-list .job[data-job-id=\"{jobId}\"]");
        await Expect(job.Locator("img.job-image")).ToHaveAttributeAsync("src", imageUrl);
        await job.GetByRole(AriaRole.Button, new() { Name = "Remove from gallery" }).ClickAsync();
        await Expect(job).ToHaveAttributeAsync("data-status", "removed");
        await Expect(job.Locator(".job-status")).ToContainTextAsync("removed");
        await Expect(job.Locator("img.job-image")).ToBeHiddenAsync();
        await farm.ScreenshotAsync(page, "upload-page-removed.png");

        await wall.Page.ReloadAsync();
        await Expect(wall.Page.Locator("#wall")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(wall.Page.Locator($"[data-gallery-id=\"{galleryId}\"]")).ToHaveCountAsync(0);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await farm.Http.GetAsync(imageUrl)).StatusCode);

        // After yet another reload the page still knows it was removed.
        await page.ReloadAsync();
        await Expect(page.Locator($"#job-list .job[data-job-id=\"{jobId}\"]")).ToHaveAttributeAsync("data-status", "removed");

        await upload.AssertNoScriptOrPolicyErrorsAsync();
        await wall.AssertNoScriptOrPolicyErrorsAsync();
    }

    [Fact]
    public async Task Choosing_an_artwork_card_paints_after_it_and_names_the_work_beside_the_painting()
    {
        await using var upload = await farm.OpenAsync();
        var page = upload.Page;
        await upload.GotoUploadPageAsync(farm.Gateway.BaseUrl);

        // Every artwork the Gateway offers is a card with its picture, under its medium; the studio's own painters
        // are plain options beside "auto".
        using var styles = JsonDocument.Parse(await farm.Http.GetStringAsync($"{farm.Gateway.BaseUrl}/api/styles"));
        var artworks = styles.RootElement.GetProperty("styles").EnumerateArray()
            .Where(s => s.GetProperty("imageUrl").ValueKind == JsonValueKind.String).Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Contains("rembrandt-two-circles", artworks);
        var cards = page.Locator(".art-card");
        await Expect(cards).ToHaveCountAsync(artworks.Count);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.art-card img')].every(i => i.complete)");
        var loaded = await cards.Locator("img").EvaluateAllAsync<int[]>("images => images.map(i => i.naturalWidth)");
        Assert.True(loaded.Length == artworks.Count && loaded.All(w => w > 0), $"artwork images decoded with widths {string.Join(", ", loaded)}");
        var rembrandt = page.GetByRole(AriaRole.Group, new() { Name = "Oil paintings" })
            .GetByRole(AriaRole.Radio, new() { Name = "Self-Portrait with Two Circles" });
        await Expect(rembrandt).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Ink", Exact = true })).ToHaveCountAsync(1);

        // A click chooses it, the arrow keys move between the choices, and the summary beside the photo follows.
        await rembrandt.CheckAsync();
        await Expect(page.Locator("#summary-title")).ToHaveTextAsync("after Rembrandt, Self-Portrait with Two Circles (1665)");
        await Expect(page.Locator("#summary-title cite")).ToHaveTextAsync("Self-Portrait with Two Circles");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(rembrandt).Not.ToBeCheckedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(rembrandt).ToBeCheckedAsync();
        await Expect(rembrandt).ToBeFocusedAsync();
        await page.Locator("#photo").SetInputFilesAsync(SharedData.Face("kodim04.png"));
        await Expect(page.Locator("#summary-image")).ToBeVisibleAsync();
        await farm.ScreenshotAsync(page, "upload-form-artwork.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Paint my portrait" }).ClickAsync();
        var job = page.Locator("#job-list .job").First;
        await Expect(job).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = (float)PaintTimeout.TotalMilliseconds });

        // Beside the painting: the work it was painted after (its title in italics, its small image), why, and how
        // the sitter was set on the ground.
        var status = await farm.GetJobAsync((await job.GetAttributeAsync("data-job-id"))!);
        Assert.Equal("rembrandt-two-circles", status.GetProperty("requestedStyle").GetString());
        Assert.Equal("rembrandt-two-circles", status.GetProperty("style").GetString());
        await Expect(job.Locator(".job-style")).ToHaveTextAsync("after Rembrandt, Self-Portrait with Two Circles (1665)");
        var title = job.Locator(".job-style cite");
        await Expect(title).ToHaveTextAsync("Self-Portrait with Two Circles");
        Assert.Equal("italic", await title.EvaluateAsync<string>("cite => getComputedStyle(cite).fontStyle"));
        var thumbnail = job.Locator("img.job-artwork");
        await Expect(thumbnail).ToBeVisibleAsync();
        await Expect(thumbnail).ToHaveAttributeAsync("src", status.GetProperty("artwork").GetProperty("imageUrl").GetString()!);
        await page.WaitForFunctionAsync("() => document.querySelector('img.job-artwork').complete");
        Assert.True(await thumbnail.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the artwork's image beside the painting did not decode");
        await Expect(job.Locator(".job-reason")).ToHaveTextAsync("Why this style: requested by the uploader");
        var figure = status.GetProperty("figure").GetString();
        Assert.False(string.IsNullOrEmpty(figure), "the worker wrote no figure sentence");
        await Expect(job.Locator(".job-figure")).ToContainTextAsync(figure[1..]);
        await Expect(job.Locator("img.job-image")).ToHaveAttributeAsync("alt", "Your portrait, painted after Rembrandt, Self-Portrait with Two Circles (1665)");
        await page.EvaluateAsync("() => Promise.all([...document.querySelectorAll('img')].map(i => i.decode().catch(() => {})))");
        await farm.ScreenshotAsync(page, "upload-page.png");

        await job.GetByRole(AriaRole.Button, new() { Name = "Delete painting" }).ClickAsync();
        await Expect(job).ToHaveAttributeAsync("data-status", "removed");
        await Expect(job.Locator(".job-style")).ToHaveTextAsync("after Rembrandt, Self-Portrait with Two Circles (1665)");
        await upload.AssertNoScriptOrPolicyErrorsAsync();
    }

    [Fact]
    public async Task A_text_file_named_like_a_photo_is_refused_with_a_sentence_not_an_error_code()
    {
        // On a phone-sized screen, which the form must fit without sideways scrolling.
        await using var upload = await farm.OpenAsync(360, 740, touch: true);
        var page = upload.Page;
        await upload.GotoUploadPageAsync(farm.Gateway.BaseUrl);
        await Expect(page.Locator("input[name=style][value=udnie]")).ToHaveCountAsync(1);

        await page.Locator("#photo").SetInputFilesAsync(new FilePayload
        {
            Name = "holiday.jpg",
            MimeType = "image/jpeg",
            Buffer = Encoding.UTF8.GetBytes("Dear diary, today I did not take a photo.\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Paint my portrait" }).ClickAsync();

        var error = page.Locator("#form-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToHaveAttributeAsync("role", "alert");
        var text = (await error.TextContentAsync())!.Trim();
        Assert.Matches(@"^[A-Z].{20,}\.$", text);
        Assert.DoesNotMatch("[a-z]+_[a-z]+", text);
        Assert.DoesNotMatch(@"\b[45]\d\d\b", text);
        Assert.Contains("JPEG, PNG, WebP or GIF", text);
        await Expect(page.Locator("#job-list .job")).ToHaveCountAsync(0);
        await upload.AssertFitsTheScreenWidthAsync();
        await farm.ScreenshotAsync(page, "upload-error-phone.png");

        // A file over the size limit is refused before it is sent.
        await page.Locator("#photo").SetInputFilesAsync(new FilePayload
        {
            Name = "huge.png",
            MimeType = "image/png",
            Buffer = new byte[20 * 1024 * 1024 + 1],
        });
        await Expect(error).ToContainTextAsync("too big");
        await Expect(error).ToContainTextAsync("20 MB");

        // A photo dropped on the zone replaces it, and the complaint goes away.
        await page.Locator("#dropzone").EvaluateAsync("""
            (zone, base64) => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], 'dropped.jpg', { type: 'image/jpeg' }));
              zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
              zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """, Convert.ToBase64String(await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg"))));
        await Expect(page.Locator("#file-name")).ToContainTextAsync("dropped.jpg");
        await Expect(page.Locator("#preview-image")).ToBeVisibleAsync();
        await Expect(error).ToBeHiddenAsync();
        Assert.Equal(1, await page.Locator("#photo").EvaluateAsync<int>("input => input.files.length"));

        await upload.AssertNoScriptOrPolicyErrorsAsync();
    }

    [Theory]
    [InlineData(429, "rate_limited", "7", "You're sending photos too fast — try again in 7 seconds.")]
    [InlineData(503, "queue_full", "30", "The painters are very busy right now — please try again in 30 seconds.")]
    [InlineData(503, "service_unavailable", "1", "The painters are very busy right now — please try again in 1 second.")]
    [InlineData(500, "a_code_nobody_knows", null, "Something went wrong. Please try again in a moment.")]
    public async Task A_refused_upload_is_explained_in_words_with_the_wait_the_server_asks_for(int status, string code, string? retryAfter, string sentence)
    {
        await using var upload = await farm.OpenAsync();
        var page = upload.Page;
        // The Gateway's answer under load, played back: the real limits would need real overload.
        await page.RouteAsync("**/api/portraits", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }
            var headers = new Dictionary<string, string> { ["Content-Type"] = "application/problem+json" };
            if (retryAfter is not null) headers["Retry-After"] = retryAfter;
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = status,
                Headers = headers,
                Body = $$"""{"status":{{status}},"title":"refused","code":"{{code}}"}""",
            });
        });
        await upload.GotoUploadPageAsync(farm.Gateway.BaseUrl);
        await page.Locator("#photo").SetInputFilesAsync(SharedData.Face("hopper.jpg"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Paint my portrait" }).ClickAsync();

        await Expect(page.Locator("#form-error")).ToHaveTextAsync(sentence);
        await Expect(page.Locator("#submit")).ToBeEnabledAsync();
        await Expect(page.Locator("#job-list .job")).ToHaveCountAsync(0);
        await upload.AssertNoScriptOrPolicyErrorsAsync();
    }

    [Fact]
    public async Task Without_server_sent_events_the_page_polls_and_an_unlisted_painting_can_still_be_deleted()
    {
        await using var upload = await farm.OpenAsync();
        var page = upload.Page;
        await page.RouteAsync("**/api/portraits/*/events", route => route.AbortAsync());
        var polls = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "GET" && Regex.IsMatch(request.Url, "/api/portraits/[0-9a-f-]{36}$")) Interlocked.Increment(ref polls);
        };
        await upload.GotoUploadPageAsync(farm.Gateway.BaseUrl);
        await page.Locator("#photo").SetInputFilesAsync(SharedData.Face("astronaut.png"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Paint my portrait" }).ClickAsync();

        var job = page.Locator("#job-list .job").First;
        await Expect(job).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = (float)PaintTimeout.TotalMilliseconds });
        Assert.True(Volatile.Read(ref polls) > 0, "the page never polled");
        var status = await farm.GetJobAsync((await job.GetAttributeAsync("data-job-id"))!);
        var imageUrl = status.GetProperty("imageUrl").GetString()!;
        await Expect(job.Locator("img.job-image")).ToHaveAttributeAsync("src", imageUrl);
        Assert.True(await job.Locator("img.job-image").EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0") > 0);

        // Not on the wall, but the painting exists at its link: its owner can delete it.
        await job.GetByRole(AriaRole.Button, new() { Name = "Delete painting" }).ClickAsync();
        await Expect(job).ToHaveAttributeAsync("data-status", "removed");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await farm.Http.GetAsync(imageUrl)).StatusCode);
        await upload.AssertNoScriptOrPolicyErrorsAsync();
    }
}
