using System.Text;
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
        await upload.GotoAsync($"{farm.Gateway.BaseUrl}/");

        // The form: styles from /api/styles with "auto" first, the gallery opt-in off by default.
        var firstStyle = page.Locator("#style option").First;
        await Expect(firstStyle).ToHaveAttributeAsync("value", "auto");
        await Expect(firstStyle).ToHaveTextAsync("Let the painter choose");
        await Expect(page.Locator("#style option[value=udnie]")).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("Show my painting on the public gallery wall")).Not.ToBeCheckedAsync();
        await Expect(page.Locator("#gallery-link")).ToHaveAttributeAsync("href", $"{farm.Gallery.BaseUrl}/");

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
        await Expect(job.Locator(".job-style")).ToContainTextAsync("Udnie");
        await Expect(job.Locator(".job-download")).ToHaveAttributeAsync("download", new Regex(@"\.webp$"));

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
        await farm.ScreenshotAsync(page, "upload-page.png");

        // The wall shows it.
        await using var wall = await farm.OpenAsync();
        await wall.GotoAsync($"{farm.Gallery.BaseUrl}/");
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
    public async Task A_text_file_named_like_a_photo_is_refused_with_a_sentence_not_an_error_code()
    {
        // On a phone-sized screen, which the form must fit without sideways scrolling.
        await using var upload = await farm.OpenAsync(360, 740, touch: true);
        var page = upload.Page;
        await upload.GotoAsync($"{farm.Gateway.BaseUrl}/");
        await Expect(page.Locator("#style option[value=udnie]")).ToHaveCountAsync(1);

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
        await upload.GotoAsync($"{farm.Gateway.BaseUrl}/");
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
        await upload.GotoAsync($"{farm.Gateway.BaseUrl}/");
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
