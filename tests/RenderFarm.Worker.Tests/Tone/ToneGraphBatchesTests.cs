using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.ML.OnnxRuntime;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Scheduling;
using RenderFarm.Worker.Tone;
using SkiaSharp;

namespace RenderFarm.Worker.Tests.Tone;

/// <summary>
/// A paint batch's tone steps gathered into one run of the real tone graph (CPU provider), on real stage threads; the
/// clock is a fake one, so "the batch-mate never came" is a moment the test chooses, not a race.
/// </summary>
public class ToneGraphBatchesTests : IDisposable
{
    const int Width = 128, Height = 160;

    readonly ToneOnDevice graph = new(new InferenceSession(ToneGraph.Build()), "cpu");
    readonly StageThreads stageThreads = new(Options.Create(new StageThreadOptions { StageThreads = 2, StageNice = 0 }), NullLogger<StageThreads>.Instance);
    readonly FakeTimeProvider time = new();
    readonly ConcurrentQueue<int> runs = new();
    readonly ToneGraphBatches batches;

    public ToneGraphBatchesTests() => batches = new ToneGraphBatches(jobs =>
    {
        runs.Enqueue(jobs.Count);
        return graph.Keep(jobs);
    }, stageThreads, time);

    public void Dispose()
    {
        stageThreads.Dispose();
        graph.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_paint_batch_of_three_is_toned_in_one_run_and_each_job_gets_its_own_painting()
    {
        var jobs = new[] { Job("kodim18.png", MediumTone.Oil), Job("astronaut.png", MediumTone.Ink), Job("hopper.jpg", MediumTone.Watercolor) };

        var toned = await Task.WhenAll(jobs.Select(job => batches.KeepAsync(job, batchSize: 3))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, Assert.Single(runs));
        for (var n = 0; n < jobs.Length; n++)
            Assert.Equal(graph.Keep([jobs[n]])[0].Pixels, toned[n].Pixels);
    }

    [Fact]
    public async Task A_batch_mate_that_never_comes_holds_the_others_only_until_the_wait_is_over()
    {
        var waiting = new[] { batches.KeepAsync(Job("kodim18.png", MediumTone.Oil), 3), batches.KeepAsync(Job("camera.png", MediumTone.Oil), 3) };
        await Task.Delay(50);
        Assert.All(waiting, task => Assert.False(task.IsCompleted));

        time.Advance(ToneGraphBatches.MaxWait);

        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, Assert.Single(runs));
    }

    [Fact]
    public async Task A_job_painted_alone_is_toned_at_once()
    {
        var toned = await batches.KeepAsync(Job("kodim04.png", MediumTone.Oil), batchSize: 1).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, Assert.Single(runs));
        Assert.Equal((Width, Height), (toned.Width, toned.Height));
    }

    [Fact]
    public async Task Canvases_of_different_sizes_are_toned_in_runs_of_their_own()
    {
        var small = Job("kodim18.png", MediumTone.Oil);
        var large = Job("astronaut.png", MediumTone.Oil, 2);

        var waiting = new[] { batches.KeepAsync(small, 2), batches.KeepAsync(large, 2) };
        time.Advance(ToneGraphBatches.MaxWait);
        var toned = await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("1 1", string.Join(' ', runs));
        Assert.Equal(((Width, Height), (2 * Width, 2 * Height)), ((toned[0].Width, toned[0].Height), (toned[1].Width, toned[1].Height)));
    }

    [Fact]
    public async Task A_run_that_fails_fails_every_job_in_it_with_its_error()
    {
        var failing = new ToneGraphBatches(_ => throw new InvalidOperationException("the device is gone"), stageThreads, time);

        var waiting = new[] { failing.KeepAsync(Job("kodim18.png", MediumTone.Oil), 2), failing.KeepAsync(Job("camera.png", MediumTone.Oil), 2) };

        foreach (var task in waiting)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => task.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal("the device is gone", error.Message);
        }
    }

    /// <summary>A photo at the canvas size (times <paramref name="scale"/>) and a darker, colder "painting" of it.</summary>
    static ToneJob Job(string face, MediumTone tone, int scale = 1)
    {
        var (width, height) = (Width * scale, Height * scale);
        using var source = SKBitmap.Decode(SharedData.Face(face));
        using var resized = source.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear));
        var photo = new RgbaImage(width, height, resized.Bytes);
        var painting = RgbaImage.Allocate(width, height);
        for (var i = 0; i < photo.Pixels.Length; i++)
            painting.Pixels[i] = i % 4 == 3 ? (byte)255 : (byte)(photo.Pixels[i] * 0.5 + (i % 4 == 2 ? 40 : 0));
        return new ToneJob(painting, photo, tone, null, null);
    }
}
