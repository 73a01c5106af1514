using RenderFarm.Contracts;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Consumers;

namespace RenderFarm.EndToEnd.Tests.Faults;

[Collection(FarmCollection.Name)]
public sealed class PoisonJobTests
{
    [Fact]
    public async Task Job_whose_source_is_missing_fails_once_without_retries()
    {
        var settings = FarmSettings.OnlyPainter("udnie");
        await using var farm = TestFarm.Start(settings, withWorker: false);
        var job = await farm.UploadAsync(SharedData.Face("hopper.jpg"));
        await farm.Uploads.DeleteAsync(job.Id, CancellationToken.None);

        var logs = new CapturedLogs();
        await using var worker = new FarmHost<PaintPortraitConsumer>(settings, logs);
        _ = worker.Services;
        var status = await farm.WaitForEndAsync(job.Id, TimeSpan.FromSeconds(60));

        Assert.Equal(JobStatus.Failed, status.GetProperty("status").GetString());
        Assert.Equal(ErrorCodes.SourceMissing, status.GetProperty("error").GetProperty("code").GetString());
        await Task.Delay(TimeSpan.FromSeconds(2)); // any retry would show up by now (the first back-off is 1 s)
        Assert.DoesNotContain(logs.Records, r => r.Contains(job.Id.ToString()) && r.Contains("retrying"));
        Assert.Single(logs.Records, r => r.Contains(job.Id.ToString()) && r.Contains("failed with"));
    }

    [Fact]
    public async Task Photo_that_fails_in_the_worker_ends_failed_and_the_worker_paints_the_next_job()
    {
        var settings = FarmSettings.OnlyPainter("udnie");
        await using var farm = TestFarm.Start(settings, withWorker: false);
        var bad = await farm.UploadAsync(SharedData.Face("hopper.jpg"));
        // Damage the stored photo after the Gateway checked it: only the worker can find out now.
        var truncated = await File.ReadAllBytesAsync(SharedData.Edge("truncated-DSCN0012.jpg"));
        await farm.Uploads.PutAsync(bad.Id, truncated, "image/jpeg", CancellationToken.None);
        var good = await farm.UploadAsync(SharedData.Face("hopper.jpg"));

        await using var worker = new FarmHost<PaintPortraitConsumer>(settings);
        _ = worker.Services;

        var badStatus = await farm.WaitForEndAsync(bad.Id);
        Assert.Equal(JobStatus.Failed, badStatus.GetProperty("status").GetString());
        Assert.Equal(ErrorCodes.DecodeFailed, badStatus.GetProperty("error").GetProperty("code").GetString());
        Assert.True(await farm.SourceGoneSoonAsync(bad.Id));
        Assert.Equal(JobStatus.Succeeded, (await farm.WaitForEndAsync(good.Id)).GetProperty("status").GetString());
    }
}
