using System.Text;
using System.Text.Json;
using RenderFarm.Farm.Storage;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests.Privacy;

[Collection(SharedFarmCollection.Name)]
public sealed class GalleryAuditTests(SharedFarm shared)
{
    [Theory]
    [InlineData("DSCN0010.jpg")]
    [InlineData("DSCN0025.jpg")]
    public async Task Gallery_objects_of_a_gps_photo_carry_nothing_that_points_back(string file)
    {
        var farm = shared.Farm;
        var job = await farm.UploadAsync(SharedData.Exif(file), listed: true);
        var status = await farm.WaitForEndAsync(job.Id);
        var galleryId = status.GetProperty("galleryId").GetString()!;

        // The id is random, not the job's.
        Assert.DoesNotContain(job.Id.ToString("N")[..8], galleryId, StringComparison.OrdinalIgnoreCase);

        // Blobs: pixels only, no metadata, nothing about the job or file.
        foreach (var name in new[] { FarmBlobContainers.PaintingBlobName(galleryId), FarmBlobContainers.ThumbnailBlobName(galleryId) })
        {
            var blob = farm.Containers.Gallery.GetBlobClient(name);
            var properties = (await blob.GetPropertiesAsync()).Value;
            Assert.Empty(properties.Metadata);
            Assert.Equal("image/jpeg", properties.ContentType);
            Assert.Null(properties.ContentDisposition);
            var bytes = (await blob.DownloadContentAsync()).Value.Content.ToArray();
            var container = JpegContainer.Parse(bytes);
            Assert.Empty(container.MetadataFound());
            // Words of the camera's metadata where text can be (the marker segments), the job's id anywhere.
            var header = Encoding.Latin1.GetString(bytes, 0, container.HeaderLength);
            foreach (var word in new[] { "DSCN", "NIKON", "GPS", "Exif", "xmp" })
                Assert.DoesNotContain(word, header, StringComparison.OrdinalIgnoreCase);
            var text = Encoding.Latin1.GetString(bytes);
            foreach (var id in new[] { job.Id.ToString("N"), job.Id.ToString() })
                Assert.DoesNotContain(id, text, StringComparison.OrdinalIgnoreCase);
        }

        // Feed entry: only id, style, minute-rounded time and the two URLs.
        using var page = JsonDocument.Parse(await farm.GalleryClient.GetStringAsync("/api/gallery?limit=100"));
        var item = page.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == galleryId);
        Assert.Equal(["createdAt", "id", "imageUrl", "style", "thumbnailUrl"], item.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(0, item.GetProperty("createdAt").GetDateTimeOffset().Second);
        Assert.DoesNotContain(job.Id.ToString(), item.GetRawText());
    }
}
