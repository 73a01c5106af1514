using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Contracts;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Storage;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests.Lifecycle;

/// <summary>
/// A worker that dies after storing a painting's images and before its job's success (which writes the gallery item and
/// feed entry with it) leaves images that no feed points at, for a job that never succeeded. Whatever ends that job
/// later — the sweeper when no worker is left, or the uploader's cancel — takes them down with it. No worker runs here:
/// the dead worker's work is done through the farm's own stores, exactly as the worker leaves it.
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class AbandonedPaintingTests
{
    static async Task<string> PaintLikeAWorkerThatDiesAsync(TestFarm farm, Guid jobId)
    {
        var claim = await farm.GatewayServices.GetRequiredService<JobStore>().ClaimAsync(jobId, DateTimeOffset.UtcNow);
        var (galleryId, _) = await farm.StorePaintingImagesAsync(claim.Job!.GalleryId!);
        Assert.True(await farm.Containers.Gallery.GetBlobClient(FarmBlobContainers.PaintingBlobName(galleryId)).ExistsAsync());
        Assert.DoesNotContain(galleryId, await farm.ReadWholeFeedAsync());
        return galleryId;
    }

    static async Task AssertGoneAsync(TestFarm farm, string galleryId)
    {
        Assert.DoesNotContain(galleryId, await farm.ReadWholeFeedAsync());
        Assert.False(await farm.Containers.Gallery.GetBlobClient(FarmBlobContainers.PaintingBlobName(galleryId)).ExistsAsync(), "the painting blob stayed");
        Assert.False(await farm.Containers.Gallery.GetBlobClient(FarmBlobContainers.ThumbnailBlobName(galleryId)).ExistsAsync(), "the thumbnail blob stayed");
        using var image = await farm.GalleryClient.GetAsync($"/images/{FarmBlobContainers.PaintingBlobName(galleryId)}");
        Assert.Equal(HttpStatusCode.NotFound, image.StatusCode);
    }

    [Fact]
    public async Task With_no_worker_left_the_sweeper_expires_the_job_and_takes_its_stored_painting_down()
    {
        var settings = FarmSettings.OnlyPainter("udnie");
        settings["Jobs:UploadTtl"] = "00:00:04";
        settings["Sweeper:Interval"] = "00:00:01";
        await using var farm = TestFarm.Start(settings, withWorker: false);
        var job = await farm.UploadAsync(SharedData.Face("hopper.jpg"), listed: true);
        var galleryId = await PaintLikeAWorkerThatDiesAsync(farm, job.Id);

        var status = await farm.WaitForEndAsync(job.Id, TimeSpan.FromSeconds(30));

        Assert.Equal(JobStatus.Expired, status.GetProperty("status").GetString());
        await AssertGoneAsync(farm, galleryId);
    }

    [Fact]
    public async Task Canceling_a_job_whose_worker_died_after_storing_the_painting_takes_the_painting_down()
    {
        await using var farm = TestFarm.Start(FarmSettings.OnlyPainter("udnie"), withWorker: false);
        var job = await farm.UploadAsync(SharedData.Face("hopper.jpg"), listed: true);
        var galleryId = await PaintLikeAWorkerThatDiesAsync(farm, job.Id);

        using var canceled = await farm.CancelAsync(job.Id, job.DeleteToken);

        Assert.Equal(HttpStatusCode.OK, canceled.StatusCode);
        await AssertGoneAsync(farm, galleryId);
    }
}
