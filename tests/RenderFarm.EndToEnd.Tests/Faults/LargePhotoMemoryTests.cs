using RenderFarm.Contracts;
using RenderFarm.TestSupport;
using SkiaSharp;
using Xunit.Abstractions;

namespace RenderFarm.EndToEnd.Tests.Faults;

/// <summary>
/// The largest photos the Gateway accepts cost the worker a whole decoded image each (a PNG cannot be decoded
/// smaller): eight 6300×6300 PNGs in flight must not cost eight of them at once, however many stage threads the
/// worker runs. Measured as the worker process's peak resident memory (native and managed), not GC counters.
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class LargePhotoMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Eight_of_the_largest_photos_at_once_cost_a_worker_about_one_decoded_photo_not_eight()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(6300, 6300, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(new SKColor(180, 140, 110));
        var path = Path.Combine(ScratchDirectories.New("renderfarm-large-"), "large.png");
        await File.WriteAllBytesAsync(path, bitmap.Encode(SKEncodedImageFormat.Png, 100).ToArray());
        const double decodedMiB = 6300.0 * 6300 * 4 / (1024 * 1024); // 151 MiB

        var settings = FarmSettings.OnlyPainter("udnie");
        settings["Execution:StageThreads"] = "8"; // as many decodes as jobs could run at once
        settings["Batching:MaxBatch"] = "4";      // 8 jobs in hand
        await using var farm = TestFarm.Start(settings, withWorker: false);
        // The worker is ready with its painter warm at a full batch (StudioWarmup), and four small photos painted
        // before the large ones warm the stages and their pools: what is left is what a large photo costs.
        var small = new List<Guid>();
        for (var i = 0; i < 4; i++)
            small.Add((await farm.UploadAsync(SharedData.Face("hopper.jpg"))).Id);

        await using var worker = ServiceProcess.Start("Worker", settings);
        await worker.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));
        foreach (var job in small)
            Assert.Equal(JobStatus.Succeeded, (await farm.WaitForEndAsync(job, TimeSpan.FromMinutes(2))).GetProperty("status").GetString());
        var ready = worker.PeakResidentMiB();
        var jobs = new List<Guid>();
        for (var i = 0; i < 8; i++)
            jobs.Add((await farm.UploadAsync(path)).Id);
        foreach (var job in jobs)
            Assert.Equal(JobStatus.Succeeded, (await farm.WaitForEndAsync(job, TimeSpan.FromMinutes(3))).GetProperty("status").GetString());
        var peak = worker.PeakResidentMiB();
        output.WriteLine($"peak resident memory: {ready:F0} MiB ready and warm, {peak:F0} MiB after the large photos (+{peak - ready:F0})");

        Assert.True(peak - ready < 3 * decodedMiB,
            $"the worker's peak resident memory rose {peak - ready:F0} MiB over ready and warm ({ready:F0} → {peak:F0} MiB); one decoded photo is {decodedMiB:F0} MiB");
    }
}
