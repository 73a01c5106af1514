using RenderFarm.Contracts;
using RenderFarm.Farm.Storage;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests.Faults;

[Collection(FarmCollection.Name)]
public sealed class WorkerCrashTests
{
    [Fact]
    public async Task Job_of_a_worker_killed_mid_paint_is_finished_by_another_with_exactly_one_gallery_item()
    {
        // A big canvas makes painting take seconds, so the kill lands mid-job.
        var settings = FarmSettings.OnlyPainter("udnie", 1024, 1280);
        await using var farm = TestFarm.Start(settings, withWorker: false);
        // The gallery container is the blob store's, shared with the tests before this one: what this job wrote is
        // what was not there before it. (A time filter with slack for the clocks once took in the painting of the
        // previous test's last job, finished a moment before this one started.)
        var before = new HashSet<string>();
        await foreach (var blob in farm.Containers.Gallery.GetBlobsAsync())
            before.Add(blob.Name);

        await using var first = ServiceProcess.Start("Worker", settings);
        await first.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        var job = await farm.UploadAsync(SharedData.Face("astronaut.png"), listed: true);
        await Eventually.WaitForAsync(() => farm.GetStatusAsync(job.Id), s => s.GetProperty("status").GetString() == JobStatus.Processing,
            TimeSpan.FromSeconds(30), "the first worker to take the job");
        first.Kill();
        Assert.NotEqual(JobStatus.Succeeded, (await farm.GetStatusAsync(job.Id)).GetProperty("status").GetString());

        await using var second = ServiceProcess.Start("Worker", settings);
        var status = await farm.WaitForEndAsync(job.Id, TimeSpan.FromSeconds(120));

        Assert.Equal(JobStatus.Succeeded, status.GetProperty("status").GetString());
        Assert.True(await farm.SourceGoneSoonAsync(job.Id), "source still exists");
        var galleryId = status.GetProperty("galleryId").GetString()!;
        var written = new List<string>();
        await foreach (var blob in farm.Containers.Gallery.GetBlobsAsync())
            if (!before.Contains(blob.Name)) written.Add(blob.Name);
        Assert.Equal([FarmBlobContainers.ThumbnailBlobName(galleryId), FarmBlobContainers.PaintingBlobName(galleryId)], written.Order());
        Assert.Single(await farm.ReadWholeFeedAsync(), id => id == galleryId);
    }
}
