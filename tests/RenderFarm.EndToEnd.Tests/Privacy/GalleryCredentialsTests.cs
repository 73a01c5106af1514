using System.Net;
using Azure;
using Azure.Storage.Blobs;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Storage;
using RenderFarm.TestSupport;
using StackExchange.Redis;

namespace RenderFarm.EndToEnd.Tests.Privacy;

/// <summary>
/// The public Gallery runs with gallery-only credentials — a Redis user limited to gallery:* keys and a SAS for the
/// gallery container — exactly those ./farm gives it (RENDERFARM_GALLERY_REDIS, RENDERFARM_GALLERY_CONTAINER, made by
/// scripts/services.sh). It serves paintings with them, and with them no upload and no job record can be read.
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class GalleryCredentialsTests
{
    static string Required(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
        : throw new InvalidOperationException($"{name} is not set: run the tests with ./farm test, which creates the Gallery's credentials.");

    [Fact]
    public async Task The_gallery_serves_paintings_with_credentials_that_cannot_read_an_upload_or_a_job()
    {
        var galleryRedis = Required("RENDERFARM_GALLERY_REDIS");
        var galleryContainer = Required("RENDERFARM_GALLERY_CONTAINER");
        await using var farm = TestFarm.Start(FarmSettings.OnlyPainter("udnie"), withWorker: false);
        var job = await farm.UploadAsync(SharedData.Face("hopper.jpg"), listed: true);
        var galleryId = await farm.StorePaintingAsync();

        var settings = new Dictionary<string, string?>(farm.Settings)
        {
            ["ConnectionStrings:redis"] = galleryRedis,
            ["ConnectionStrings:blobs"] = "",
            ["ConnectionStrings:galleryContainer"] = galleryContainer,
        };
        await using var gallery = ServiceProcess.Start("Gallery", settings);
        await gallery.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));
        using var http = new HttpClient { BaseAddress = new Uri(gallery.BaseUrl) };

        // It does its work with these credentials alone: the feed and the painting.
        Assert.Contains(galleryId, await http.GetStringAsync("/api/gallery?limit=100"));
        using var image = await http.GetAsync($"/images/{FarmBlobContainers.PaintingBlobName(galleryId)}");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);

        // The same credentials reach no upload...
        var uploadsWithGallerySas = new UriBuilder(galleryContainer);
        uploadsWithGallerySas.Path = uploadsWithGallerySas.Path.Replace($"/{FarmBlobContainers.GalleryName}", $"/{FarmBlobContainers.UploadsName}/{RenderFarm.Farm.Uploads.UploadStore.BlobName(job.Id)}");
        Assert.True(await farm.SourceExistsAsync(job.Id), "the upload this test tries to read is gone");
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(uploadsWithGallerySas.Uri).DownloadContentAsync());
        Assert.Equal(403, refused.Status);
        // ...and no job record (nor any key outside gallery:*).
        await using var redis = await ConnectionMultiplexer.ConnectAsync(galleryRedis);
        var noPermission = await Assert.ThrowsAsync<RedisServerException>(() => redis.GetDatabase().HashGetAllAsync(JobStore.Key(job.Id)));
        Assert.StartsWith("NOPERM", noPermission.Message);
    }
}
