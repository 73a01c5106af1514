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
        var response = await page.GotoAsync($"{farm.Gateway.BaseUrl}/");
        Assert.NotNull(response);
        Assert.Contains("script-src 'self'", (await response.AllHeadersAsync()).GetValueOrDefault("content-security-policy") ?? "");

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
        await page.GetByRole(AriaRole.Button, new() { Name = "Paint my portrait" }).ClickAsync();

        var job = page.Locator("#job-list .job").First;
        await Expect(job.Locator(".job-status")).Not.ToBeEmptyAsync();
        var jobId = await job.GetAttributeAsync("data-job-id");
        Assert.False(string.IsNullOrEmpty(jobId));

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
        Assert.DoesNotContain(announced, s => Regex.IsMatch(s, "[a-z]+_[a-z]+"));
        Assert.Contains("status", (await job.Locator(".job-status").GetAttributeAsync("role")) ?? "");
        await farm.ScreenshotAsync(page, "upload-page.png");

        // The wall shows it.
        await using var wall = await farm.OpenAsync();
        await wall.Page.GotoAsync($"{farm.Gallery.BaseUrl}/");
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
        await using var upload = await farm.OpenAsync();
        var page = upload.Page;
        await page.GotoAsync($"{farm.Gateway.BaseUrl}/");
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
        await farm.ScreenshotAsync(page, "upload-error.png");

        // A file over the size limit is refused before it is sent.
        await page.Locator("#photo").SetInputFilesAsync(new FilePayload
        {
            Name = "huge.png",
            MimeType = "image/png",
            Buffer = new byte[20 * 1024 * 1024 + 1],
        });
        await Expect(error).ToContainTextAsync("too big");
        await Expect(error).ToContainTextAsync("20 MB");

        await upload.AssertNoScriptOrPolicyErrorsAsync();
    }
}
