using RenderFarm.Contracts;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests.Lifecycle;

/// <summary>Workers scale to zero in production: the Gateway's sweeper keeps the photo promise on its own.</summary>
[Collection(FarmCollection.Name)]
public sealed class SweeperWithoutWorkersTests
{
    [Fact]
    public async Task With_no_worker_at_all_a_stale_upload_is_gone_within_its_ttl_and_a_sweep()
    {
        var settings = FarmSettings.OnlyPainter("udnie");
        settings["Jobs:UploadTtl"] = "00:00:03";
        settings["Sweeper:Interval"] = "00:00:01";
        await using var farm = TestFarm.Start(settings, withWorker: false); // a Gateway (and a Gallery), nothing else
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
