using System.Net;
using System.Text.Json;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Site;

public sealed class SiteTests(GatewayFixture<SiteTests.Settings> gateway) : GatewayHost<SiteTests.Settings>(gateway)
{
    public sealed class Settings : IGatewaySettings
    {
        public static void Configure(Dictionary<string, string?> settings) => settings["GalleryLinks:PublicBaseUrl"] = "https://gallery.example.test";
    }

    [Fact]
    public async Task Upload_page_is_served_with_a_strict_content_security_policy()
    {
        var response = await Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("img-src 'self' data: blob: https://gallery.example.test", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Config_tells_the_page_the_gallery_origin_and_upload_limit()
    {
        using var config = JsonDocument.Parse(await Client.GetStringAsync("/api/config"));

        Assert.Equal("https://gallery.example.test", config.RootElement.GetProperty("galleryBaseUrl").GetString());
        Assert.Equal(20 * 1024 * 1024, config.RootElement.GetProperty("maxUploadBytes").GetInt64());
    }

    [Fact]
    public async Task Status_events_stream_the_queue_position_and_end_when_the_job_ends()
    {
        var accepted = await Client.PostAsync("/api/portraits", PhotoForm.FromFile(SharedData.Face("hopper.jpg")));
        using var job = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync());
        var id = job.RootElement.GetProperty("id").GetGuid();
        var token = job.RootElement.GetProperty("deleteToken").GetString()!;

        using var stream = await Client.GetStreamAsync($"/api/portraits/{id}/events");
        using var reader = new StreamReader(stream);
        var first = await NextEventAsync(reader);
        var cancel = new HttpRequestMessage(HttpMethod.Delete, $"/api/portraits/{id}");
        cancel.Headers.Add(FarmHeaders.DeleteToken, token);
        await Client.SendAsync(cancel);
        var second = await NextEventAsync(reader);

        Assert.Equal("queued", first.GetProperty("status").GetString());
        Assert.True(first.GetProperty("queuePosition").GetInt64() >= 1);
        Assert.Equal("canceled", second.GetProperty("status").GetString());
        var rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10)); // the stream ends
        Assert.DoesNotContain("data:", rest);
    }

    static async Task<JsonElement> NextEventAsync(StreamReader reader)
    {
        string? eventName = null;
        while (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15)) is { } line)
        {
            if (line.StartsWith("event: ")) eventName = line["event: ".Length..];
            if (line.StartsWith("data: ") && eventName == "status")
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
        }
        throw new InvalidOperationException("stream ended without a status event");
    }
}
