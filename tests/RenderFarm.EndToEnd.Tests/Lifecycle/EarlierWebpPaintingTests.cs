using System.Net;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Storage;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests.Lifecycle;

/// <summary>Paintings became JPEG in 0.10; those a farm stored as WebP before stay reachable and deletable.</summary>
[Collection(SharedFarmCollection.Name)]
public sealed class EarlierWebpPaintingTests(SharedFarm shared)
{
    [Fact]
    public async Task A_webp_painting_is_served_under_its_jpg_link_and_deleted_with_its_item()
    {
        var farm = shared.Farm;
        var id = DeleteTokens.NewGalleryId();
        var webp = await File.ReadAllBytesAsync(SharedData.Edge("hopper.webp"));
        foreach (var name in FarmBlobContainers.WebpBlobNames(id))
            await farm.Containers.Gallery.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(webp),
                new Azure.Storage.Blobs.Models.BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/webp" } });
        await farm.GalleryServices.GetRequiredService<GalleryStore>().AddAsync(new GalleryItem(id, "ink", DateTimeOffset.UtcNow, true, "", webp.Length));

        foreach (var name in new[] { FarmBlobContainers.PaintingBlobName(id), FarmBlobContainers.ThumbnailBlobName(id) })
        {
            using var response = await farm.GalleryClient.GetAsync($"/images/{name}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(webp, await response.Content.ReadAsByteArrayAsync());
        }

        await farm.GalleryServices.GetRequiredService<GalleryPaintings>().DeleteAsync(id);

        foreach (var name in FarmBlobContainers.WebpBlobNames(id))
            Assert.False(await farm.Containers.Gallery.GetBlobClient(name).ExistsAsync(), $"{name} outlived its item");
        using var gone = await farm.GalleryClient.GetAsync($"/images/{FarmBlobContainers.PaintingBlobName(id)}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
