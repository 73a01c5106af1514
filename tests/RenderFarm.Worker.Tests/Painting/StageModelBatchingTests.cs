using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Commands;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Pipeline;
using RenderFarm.Worker.Tests.Imaging;
using Xunit.Abstractions;

namespace RenderFarm.Worker.Tests.Painting;

/// <summary>
/// A worker whose stage models gather the jobs on their way to them into one run (Execution:StageModelBatches on,
/// which "auto" is where they run on CUDA): real models, the product's default painter, the CPU provider. Portraits
/// prepared together are the portraits prepared alone.
/// </summary>
public class StageModelBatchingTests(ITestOutputHelper output)
{
    const string Style = "rembrandt-two-circles";
    static readonly string[] BatchOfFaces = ["kodim18.png", "astronaut.png", "hopper.jpg"];

    static Dictionary<string, string?> Settings(string batches) => new()
    {
        ["Execution:StageModelBatches"] = batches,
        ["Execution:StageModels"] = "device",
        ["Batching:MaxBatch"] = "3",
        ["Batching:MaxDelay"] = "00:00:05",
    };

    [Fact]
    public async Task Photos_prepared_together_in_one_run_of_each_stage_model_are_the_portraits_prepared_alone()
    {
        using var studio = StudioHost.Build(TestManifests.Only(Style), [SharedData.RepoModels, SharedData.Models, SharedData.Styles], "cpu", Settings("on"));
        Assert.NotNull(studio.Services.GetRequiredService<FaceDetector>().Batches);
        Assert.NotNull(studio.Services.GetRequiredService<PersonSegmenter>().Batches);
        var painter = studio.Services.GetRequiredService<PortraitStudio>();
        var photos = BatchOfFaces.Select(face => File.ReadAllBytes(SharedData.Face(face))).ToList();
        // Alone first: each is its own batch of one, and every method on the way has been compiled before the three
        // start together, so none of them is far enough ahead to find the others not yet on their way.
        var alone = new List<StudioResult>();
        foreach (var photo in photos)
            alone.Add(await painter.PaintAsync(photo, Style, new StageTimer(), CancellationToken.None));

        var runs = new ConcurrentQueue<(string Model, int Jobs)>();
        using (TaggedMeasurements.Listen("renderfarm.worker.stage_model.batch_size", "model", runs))
        {
            var together = await Task.WhenAll(photos.Select(photo => painter.PaintAsync(photo, Style, new StageTimer(), CancellationToken.None)));
            for (var n = 0; n < photos.Count; n++)
            {
                Assert.Equal(alone[n].Framing, together[n].Framing);
                var (largest, mean) = PixelDifference.OfEncoded(alone[n].Painting.Image, together[n].Painting.Image);
                output.WriteLine($"{BatchOfFaces[n]}: together vs alone, largest difference {largest} levels, mean {mean:F3}");
                Assert.True(mean < 0.1, $"mean difference {mean:F3} levels");
            }
        }
        output.WriteLine($"stage model runs: {string.Join(", ", runs.Select(r => $"{r.Model} {r.Jobs}"))}");
        // Runs of two or three are this test's: other tests' stage models run one job at a time, or five (StudioWarmupTests).
        Assert.Contains(runs, run => run is { Model: "face-detector", Jobs: 2 or 3 });
    }

    [Fact]
    public void Off_or_on_a_cpu_worker_with_auto_the_stage_models_run_a_job_at_a_time()
    {
        foreach (var batches in new[] { "off", "auto" })
        {
            using var studio = StudioHost.Build(TestManifests.Only(Style), [SharedData.RepoModels, SharedData.Models, SharedData.Styles], "cpu", Settings(batches));

            Assert.Null(studio.Services.GetRequiredService<FaceDetector>().Batches);
            Assert.Null(studio.Services.GetRequiredService<PersonSegmenter>().Batches);
        }
    }
}
