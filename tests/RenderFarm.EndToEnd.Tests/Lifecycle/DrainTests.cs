using RenderFarm.Contracts;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests.Lifecycle;

[Collection(FarmCollection.Name)]
public sealed class DrainTests
{
    [Fact]
    public async Task Sigterm_lets_the_worker_finish_the_job_in_hand_take_no_more_and_exit_cleanly()
    {
        // A big canvas makes painting take seconds, so SIGTERM lands mid-job.
        var settings = FarmSettings.OnlyPainter("udnie", 1024, 1280);
        settings["Drain:Timeout"] = "00:01:00";
        settings["Batching:MaxBatch"] = "1";
        await using var farm = TestFarm.Start(settings, withWorker: false);
        await using var worker = ServiceProcess.Start("Worker", settings);
        await worker.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        var inHand = await farm.UploadAsync(SharedData.Face("astronaut.png"));
        await Eventually.WaitForAsync(() => farm.GetStatusAsync(inHand.Id), s => s.GetProperty("status").GetString() == JobStatus.Processing,
            TimeSpan.FromSeconds(30), "the worker to take the job");

        worker.Terminate();
        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromSeconds(90));
        var later = await farm.UploadAsync(SharedData.Face("hopper.jpg"));
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(0, exitCode);
        Assert.Equal(JobStatus.Succeeded, (await farm.GetStatusAsync(inHand.Id)).GetProperty("status").GetString());
        Assert.Equal(JobStatus.Queued, (await farm.GetStatusAsync(later.Id)).GetProperty("status").GetString());
    }
}
