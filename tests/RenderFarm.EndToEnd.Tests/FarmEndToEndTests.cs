using System.Net;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;
using SkiaSharp;

namespace RenderFarm.EndToEnd.Tests;

[Collection(FarmCollection.Name)]
public sealed class FarmEndToEndTests : IAsyncLifetime
{
    TestFarm farm = null!;

    public Task InitializeAsync()
    {
        farm = TestFarm.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await farm.DisposeAsync();

    [Fact]
    public async Task Listed_and_unlisted_photos_are_painted_stripped_and_their_sources_deleted()
    {
        var listed = await farm.UploadAsync(SharedData.Face("astronaut.png"), listed: true);
        var unlisted = await farm.UploadAsync(SharedData.Exif("DSCN0010.jpg"), listed: false);

        var listedStatus = await farm.WaitForEndAsync(listed.Id);
        var unlistedStatus = await farm.WaitForEndAsync(unlisted.Id);

        foreach (var (id, status) in new[] { (listed.Id, listedStatus), (unlisted.Id, unlistedStatus) })
        {
            Assert.Equal(JobStatus.Succeeded, status.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(status.GetProperty("style").GetString()));
            Assert.False(string.IsNullOrEmpty(status.GetProperty("styleReason").GetString()));
            var timings = status.GetProperty("timings");
            foreach (var stage in new[] { "queueWait", "download", "decode", "frame", "paint", "encode", "upload", "total" })
                Assert.True(timings.TryGetProperty(stage, out var ms) && ms.GetDouble() >= 0, $"timing {stage} missing in {timings}");
            Assert.True(await farm.SourceGoneSoonAsync(id), $"source photo of job {id} still exists");

            await AssertCleanPaintingAsync(status.GetProperty("imageUrl").GetString()!, 512, 640);
            await AssertCleanPaintingAsync(status.GetProperty("thumbnailUrl").GetString()!, 256, 320);
        }

        var feed = await farm.ReadWholeFeedAsync();
        Assert.Contains(listedStatus.GetProperty("galleryId").GetString(), feed);
        Assert.DoesNotContain(unlistedStatus.GetProperty("galleryId").GetString(), feed);
    }

    async Task AssertCleanPaintingAsync(string url, int width, int height)
    {
        var response = await farm.FetchImageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        // Cached briefly and revalidated, never "immutable": a takedown must reach caches (GalleryCachingTests).
        Assert.True(response.Headers.CacheControl?.MaxAge <= TimeSpan.FromMinutes(5), $"Cache-Control: {response.Headers.CacheControl}");
        Assert.NotNull(response.Headers.ETag);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Empty(JpegContainer.Parse(bytes).MetadataFound());
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
    }
}
