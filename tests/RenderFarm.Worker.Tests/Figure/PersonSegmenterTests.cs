using Microsoft.Extensions.DependencyInjection;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Commands;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tests.Figure;

/// <summary>
/// The real segmenter on the CPU: where stage threads are free, the guided filter's guide is made while the model runs;
/// the masks are the masks made one step after the other on a single stage thread.
/// </summary>
public sealed class PersonSegmenterTests
{
    [Theory]
    [InlineData("astronaut.png")]
    [InlineData("kodim18.png")]
    public async Task A_mask_made_beside_the_model_s_run_is_the_mask_made_after_it(string face)
    {
        var alone = await MaskAsync(face, stageThreads: 1);
        var beside = await MaskAsync(face, stageThreads: 4);

        Assert.Equal((alone.Width, alone.Height), (beside.Width, beside.Height));
        Assert.Equal(alone.Alpha.AsSpan(0, alone.Width * alone.Height).ToArray(), beside.Alpha.AsSpan(0, beside.Width * beside.Height).ToArray());
    }

    static async Task<PersonMask> MaskAsync(string face, int stageThreads)
    {
        using var studio = StudioHost.Build(TestManifests.Only("oil"), [SharedData.RepoModels, SharedData.Models], "cpu",
            new Dictionary<string, string?> { ["Execution:StageThreads"] = $"{stageThreads}" });
        var decoded = studio.Services.GetRequiredService<SourceDecoder>().Decode(await File.ReadAllBytesAsync(SharedData.Face(face)));
        var framed = studio.Services.GetRequiredService<PortraitFramer>().Frame(decoded);
        var stages = studio.Services.GetRequiredService<RenderFarm.Worker.Scheduling.StageThreads>();
        // As the studio runs it: on a stage thread, so the other stage threads are the ones free to help.
        return (await stages.RunAsync(() => studio.Services.GetRequiredService<PersonSegmenter>().Segment(framed.Image)))!;
    }
}
