using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Commands;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;
using RenderFarm.Worker.Tests.Imaging;
using Xunit.Abstractions;

namespace RenderFarm.Worker.Tests.Painting;

/// <summary>
/// Where a worker runs its stage graphs (the mask's guided filter, the tone step), and that the portrait is the same
/// either way: real models, the product's default painter, the CPU provider.
/// </summary>
public class StageGraphsTests(ITestOutputHelper output)
{
    const string Style = "rembrandt-two-circles";
    static readonly string[] BatchOfFaces = ["kodim18.png", "astronaut.png", "hopper.jpg"];

    static async Task<(byte[] Portrait, string Tone, string Refine)> PaintAsync(string placement, byte[] photo)
    {
        using var studio = StudioHost.Build(TestManifests.Only(Style), [SharedData.RepoModels, SharedData.Models, SharedData.Styles], "cpu",
            new Dictionary<string, string?> { ["Execution:StageGraphs"] = placement });
        var result = await studio.Services.GetRequiredService<PortraitStudio>().PaintAsync(photo, Style, new StageTimer(), CancellationToken.None);
        return (result.Painting.Image, studio.Services.GetRequiredService<ToneStep>().Placement,
            studio.Services.GetRequiredService<PersonSegmenter>().RefinePlacement);
    }

    [Theory]
    [InlineData("kodim18.png")] // dark skin
    [InlineData("astronaut.png")] // light skin
    public async Task A_portrait_made_with_the_graphs_is_the_portrait_made_on_the_host(string face)
    {
        var photo = File.ReadAllBytes(SharedData.Face(face));

        var onHost = await PaintAsync("host", photo);
        var onDevice = await PaintAsync("device", photo);

        Assert.Equal(("host", "host"), (onHost.Tone, onHost.Refine));
        Assert.Equal(("device:cpu", "device"), (onDevice.Tone, onDevice.Refine));
        var (largest, mean) = PixelDifference.OfEncoded(onHost.Portrait, onDevice.Portrait);
        output.WriteLine($"{face}: graphs vs host after JPEG, largest difference {largest} levels, mean {mean:F3}");
        Assert.True(mean < 0.1, $"mean difference {mean:F3} levels");
    }

    [Fact]
    public async Task Portraits_toned_together_in_one_paint_batch_are_the_portraits_painted_alone()
    {
        // Three jobs at once with room for three in a batch: they are painted together and, with the graphs on the
        // device, toned in one run of the tone graph (ToneGraphBatches, whose gathering its own tests check); each must
        // come back as its own portrait.
        using var studio = StudioHost.Build(TestManifests.Only(Style), [SharedData.RepoModels, SharedData.Models, SharedData.Styles], "cpu",
            new Dictionary<string, string?> { ["Execution:StageGraphs"] = "device", ["Batching:MaxBatch"] = "3", ["Batching:MaxDelay"] = "00:00:05" });
        var painter = studio.Services.GetRequiredService<PortraitStudio>();
        var photos = BatchOfFaces.Select(face => File.ReadAllBytes(SharedData.Face(face))).ToList();

        var together = await Task.WhenAll(photos.Select(photo => painter.PaintAsync(photo, Style, new StageTimer(), CancellationToken.None)));
        foreach (var (photo, portrait) in photos.Zip(together))
        {
            var alone = await painter.PaintAsync(photo, Style, new StageTimer(), CancellationToken.None);
            var (largest, mean) = PixelDifference.OfEncoded(alone.Painting.Image, portrait.Painting.Image);
            output.WriteLine($"in a batch of three vs alone: largest difference {largest} levels, mean {mean:F3}");
            Assert.True(mean < 0.1, $"mean difference {mean:F3} levels");
        }
    }

    [Fact]
    public async Task On_a_cpu_worker_auto_keeps_the_stage_graphs_on_the_host()
    {
        var (_, tone, refine) = await PaintAsync("auto", File.ReadAllBytes(SharedData.Face("hopper.jpg")));

        Assert.Equal(("host", "host"), (tone, refine));
    }

    [Fact]
    public void A_graph_that_does_not_open_leaves_its_stage_to_the_host_and_says_why()
    {
        using var logs = new CapturedLogs();
        var options = Options.Create(new ExecutionOptions { Provider = "cpu", StageGraphs = "device" });
        var graphs = new StageGraphs(options, new SessionFactory(options, NullLogger<SessionFactory>.Instance),
            new Logger<StageGraphs>(new LoggerFactory([logs])));

        var session = graphs.TryOpen("broken graph", () => [1, 2, 3]);

        Assert.Null(session);
        var error = Assert.Single(logs.Records, r => r.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("The broken graph did not open on the cpu execution provider", error);
        Assert.Contains("OnnxRuntimeException", error);
    }
}
