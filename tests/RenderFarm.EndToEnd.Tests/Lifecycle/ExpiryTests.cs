using RenderFarm.Contracts;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Consumers;

namespace RenderFarm.EndToEnd.Tests.Lifecycle;

[Collection(FarmCollection.Name)]
public sealed class ExpiryTests
{
    [Fact]
    public async Task Upload_left_past_its_ttl_is_deleted_and_its_job_expired_by_the_sweeper()
    {
        var settings = FarmSettings.OnlyPainter("udnie");
        settings["Jobs:UploadTtl"] = "00:00:03";
        settings["Sweeper:Interval"] = "00:00:01";
        await using var farm = TestFarm.Start(settings, withWorker: false);
        var job = await farm.UploadAsync(SharedData.Face("hopper.jpg"));

        // A worker on another queue: its sweeper runs, but nobody paints this job.
        var sweeperOnly = new Dictionary<string, string?>(settings) { ["Bus:PaintQueue"] = $"paint-portrait-test-{Guid.NewGuid():N}" };
        await using var worker = new FarmHost<PaintPortraitConsumer>(sweeperOnly);
        _ = worker.Services;

        var status = await farm.WaitForEndAsync(job.Id, TimeSpan.FromSeconds(30));

        Assert.Equal(JobStatus.Expired, status.GetProperty("status").GetString());
        Assert.Equal(ErrorCodes.UploadExpired, status.GetProperty("error").GetProperty("code").GetString());
        Assert.False(await farm.SourceExistsAsync(job.Id), "expired job's source still exists");
    }

    [Fact]
    public async Task Upload_of_a_worker_killed_mid_job_is_removed_by_a_restarted_workers_sweeper()
    {
        var settings = FarmSettings.OnlyPainter("udnie");
        settings["Jobs:UploadTtl"] = "00:00:10";
        settings["Sweeper:Interval"] = "00:00:01";
        await using var farm = TestFarm.Start(settings, withWorker: false);

        // A big canvas makes painting take seconds, so the kill lands mid-job.
        var slow = new Dictionary<string, string?>(settings) { ["Canvas:Width"] = "1024", ["Canvas:Height"] = "1280" };
        await using var doomed = ServiceProcess.Start("Worker", slow);
        await doomed.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        var job = await farm.UploadAsync(SharedData.Face("astronaut.png"));
        await Eventually.WaitForAsync(() => farm.GetStatusAsync(job.Id), s => s.GetProperty("status").GetString() == JobStatus.Processing,
            TimeSpan.FromSeconds(30), "the worker to take the job");

        doomed.Kill();

        Assert.True(await farm.SourceExistsAsync(job.Id), "the source vanished with the worker; this test needs it to still be there");
        // No worker paints now; a restarted worker (on another queue) only sweeps.
        var restarted = new Dictionary<string, string?>(settings) { ["Bus:PaintQueue"] = $"paint-portrait-test-{Guid.NewGuid():N}" };
        await using var sweeper = ServiceProcess.Start("Worker", restarted);
        var status = await farm.WaitForEndAsync(job.Id, TimeSpan.FromSeconds(60));

        Assert.Equal(JobStatus.Expired, status.GetProperty("status").GetString());
        // The sweep marks the job expired and then deletes its photo (in that order, so no worker can claim a job whose
        // photo is gone): the status can be read between the two. CI once did, on its busy two cores.
        await Eventually.WaitForAsync(() => farm.SourceExistsAsync(job.Id), exists => !exists, TimeSpan.FromSeconds(10),
            "the killed job's source to be deleted by the sweep that expired it");
    }

    [Fact]
    public async Task With_no_worker_at_all_a_stale_upload_is_gone_within_its_ttl_and_a_sweep()
    {
        var settings = FarmSettings.OnlyPainter("udnie");
        settings["Jobs:UploadTtl"] = "00:00:03";
        settings["Sweeper:Interval"] = "00:00:01";
        await using var farm = TestFarm.Start(settings, withWorker: false); // a Gateway and a Gallery: workers scaled to zero
        var job = await farm.UploadAsync(SharedData.Face("hopper.jpg"));
        var uploadedAt = DateTime.UtcNow;

        await Eventually.WaitForAsync(() => farm.SourceExistsAsync(job.Id), exists => !exists, TimeSpan.FromSeconds(30), "the photo to be swept");
        var gone = DateTime.UtcNow - uploadedAt;

        var status = await farm.GetStatusAsync(job.Id);
        Assert.Equal(JobStatus.Expired, status.GetProperty("status").GetString());
        Assert.Equal(ErrorCodes.UploadExpired, status.GetProperty("error").GetProperty("code").GetString());
        Assert.True(gone < TimeSpan.FromSeconds(3 + 1 + 5), $"the photo lived {gone.TotalSeconds:F1} s: TTL 3 s + sweep 1 s (+ slack)");
    }
}
