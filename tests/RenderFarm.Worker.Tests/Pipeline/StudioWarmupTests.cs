using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Commands;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tests.Pipeline;

/// <summary>
/// A ready worker holds what its busy self holds for the models that paint unasked (the house style's, and the
/// stylizer of automatic choices), and no more for painters that paint only when named.
/// </summary>
public sealed class StudioWarmupTests : IDisposable
{
    readonly string directory = ScratchDirectories.New("renderfarm-warmup-");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task The_house_style_and_the_shared_stylizer_warm_up_at_a_full_batch_and_named_painters_with_one_image()
    {
        // Names of this test's own, so the batch sizes it hears are its own warm-up's, not another test's paintings.
        var manifest = Manifest(
            ("warmup-named", "udnie"), ("warmup-house", "udnie"),
            ("warmup-artwork-first", "rembrandt-two-circles"), ("warmup-artwork-second", "durer-young-hare"));
        var batches = new ConcurrentQueue<(string Painter, int Size)>();
        using var listener = TaggedMeasurements.Listen("renderfarm.paint.batch_size", "painter", batches);
        using var host = StudioHost.Build(manifest, [SharedData.RepoModels, SharedData.Models, SharedData.Styles], "cpu",
            new Dictionary<string, string?> { ["Painters:DefaultStyle"] = "warmup-house", ["Batching:MaxBatch"] = "3" });
        var warmup = host.Services.GetServices<IHostedService>().OfType<StudioWarmup>().Single();

        await warmup.StartAsync(CancellationToken.None);
        await warmup.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(2));
        await warmup.StopAsync(CancellationToken.None);

        Assert.Equal(
            [("warmup-named", 1), ("warmup-house", 3), ("warmup-artwork-first", 3), ("warmup-artwork-second", 1)],
            batches.Where(batch => batch.Painter.StartsWith("warmup-", StringComparison.Ordinal)).ToArray());
    }

    // On CUDA each new input shape's first run searches for its kernels; the CPU provider searches nothing, and a full
    // batch sets the memory either way.
    [Theory]
    [InlineData("cuda", 4, new[] { 4, 3, 2, 1 })]
    [InlineData("cuda", 1, new[] { 1 })]
    [InlineData("cpu", 4, new[] { 4 })]
    public void An_unnamed_painter_warms_up_at_every_batch_size_on_cuda_and_at_a_full_batch_elsewhere(string provider, int maxBatch, int[] sizes) =>
        Assert.Equal(sizes, StudioWarmup.PainterWarmupSizes(provider, maxBatch));

    [Fact]
    public async Task Stage_models_that_gather_jobs_warm_up_at_every_batch_size_from_a_full_one()
    {
        var runs = new ConcurrentQueue<(string Model, int Jobs)>();
        using var listener = TaggedMeasurements.Listen("renderfarm.worker.stage_model.batch_size", "model", runs);
        // A MaxBatch no other test uses, so a run of five is this warm-up's.
        using var host = StudioHost.Build(TestManifests.Only("ink"), [SharedData.RepoModels, SharedData.Models, SharedData.Styles], "cpu",
            new Dictionary<string, string?> { ["Execution:StageModelBatches"] = "on", ["Batching:MaxBatch"] = "5" });
        var warmup = host.Services.GetServices<IHostedService>().OfType<StudioWarmup>().Single();

        await warmup.StartAsync(CancellationToken.None);
        await warmup.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(2));
        await warmup.StopAsync(CancellationToken.None);

        // Runs of four and five are this test's (other tests run stage models a job at a time, or in twos and threes).
        var own = runs.Where(run => run.Jobs >= 4).ToList();
        Assert.Equal([("face-detector", 5), ("face-detector", 4), ("person-segmenter", 5), ("person-segmenter", 4)], own);
        Assert.Equal(HealthStatus.Healthy, (await warmup.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    // The repo's entries under new names, with the stylizer the artworks need.
    string Manifest(params (string Name, string From)[] painters)
    {
        var product = JsonNode.Parse(File.ReadAllText(SharedData.RepoManifest))!;
        var all = product["painters"]!.AsArray().Concat(JsonNode.Parse(File.ReadAllText(SharedData.NeuralManifest))!["painters"]!.AsArray()).ToList();
        var entries = painters.Select(p =>
        {
            var entry = all.Single(e => e!["name"]!.GetValue<string>() == p.From)!.DeepClone();
            entry["name"] = p.Name;
            return entry;
        });
        var path = Path.Combine(directory, "manifest.json");
        File.WriteAllText(path, new JsonObject { ["painters"] = new JsonArray([.. entries]), ["stylizer"] = product["stylizer"]!.DeepClone() }.ToJsonString());
        return path;
    }
}
