using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Storage;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests.Privacy;

/// <summary>A takedown must reach caches, and feed links must point at the farm whatever Host a request names.</summary>
[Collection(FarmCollection.Name)]
public sealed class GalleryCachingTests
{
    const string PublicBaseUrl = "https://portraits.example.test";

    static async Task<string> StoredPaintingAsync(TestFarm farm)
    {
        var id = DeleteTokens.NewGalleryId();
        foreach (var name in new[] { FarmBlobContainers.PaintingBlobName(id), FarmBlobContainers.ThumbnailBlobName(id) })
            await farm.Containers.Gallery.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg"))));
        await farm.GalleryServices.GetRequiredService<GalleryStore>().AddAsync(
            new GalleryItem(id, "ink", DateTimeOffset.UtcNow, Listed: true, DeleteTokens.Hash("token"), 1000));
        return id;
    }

    [Fact]
    public async Task A_painting_is_cached_briefly_and_revalidated_and_a_taken_down_one_not_at_all()
    {
        await using var farm = TestFarm.Start(withWorker: false);
        var id = await StoredPaintingAsync(farm);
        var path = $"/images/{FarmBlobContainers.PaintingBlobName(id)}";

        var first = await farm.GalleryClient.GetAsync(path);
        var caching = first.Headers.CacheControl!;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(caching.MaxAge <= TimeSpan.FromMinutes(5), $"max-age {caching.MaxAge}");
        Assert.DoesNotContain("immutable", caching.ToString());
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, path);
        revalidate.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await farm.GalleryClient.SendAsync(revalidate)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await farm.TakeDownAsync(id, "token")).StatusCode);
        var gone = await farm.GalleryClient.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.True(gone.Headers.CacheControl?.NoStore, "a taken-down painting's 404 must not be cached either");
    }

    [Fact]
    public async Task Feed_links_start_with_the_configured_public_url_whatever_the_host_header()
    {
        var settings = FarmSettings.Create();
        settings["Feed:PublicBaseUrl"] = PublicBaseUrl;
        await using var farm = TestFarm.Start(settings, withWorker: false);
        var id = await StoredPaintingAsync(farm);

        var links = (await farm.ReadWholeFeedItemsAsync(host: "attacker.example"))
            .Where(i => i.GetProperty("id").GetString() == id)
            .SelectMany(i => new[] { i.GetProperty("imageUrl").GetString()!, i.GetProperty("thumbnailUrl").GetString()! })
            .ToList();

        Assert.Equal([$"{PublicBaseUrl}/images/{id}.jpg", $"{PublicBaseUrl}/images/{id}-thumb.jpg"], links);
    }
}
