using Microsoft.Extensions.DependencyInjection;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Commands;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tests.Pipeline;

public class PortraitStudioTests
{
    /// <summary>
    /// The studio gives a job's canvas-sized images back for the next job, whose stages write into them without clearing
    /// them first: a pixel one of them left unwritten would carry the last sitter into the next portrait.
    /// </summary>
    [Theory]
    [InlineData("rembrandt-two-circles")] // oil: a dark ground, toned on the host
    [InlineData("ink")] // a drawing: laid on its clean paper after toning
    public async Task A_portrait_painted_after_another_sitters_is_the_portrait_painted_first(string style)
    {
        using var host = StudioHost.Build(TestManifests.Only(style), [SharedData.RepoModels, SharedData.Models, SharedData.Styles], "cpu");
        var studio = host.Services.GetRequiredService<PortraitStudio>();
        var (astronaut, hopper) = (await File.ReadAllBytesAsync(SharedData.Face("astronaut.png")), await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg")));

        var first = await studio.PaintAsync(astronaut, style, new StageTimer(), CancellationToken.None);
        var other = await studio.PaintAsync(hopper, style, new StageTimer(), CancellationToken.None);
        var again = await studio.PaintAsync(astronaut, style, new StageTimer(), CancellationToken.None);

        Assert.NotEqual(first.Painting.Image, other.Painting.Image);
        Assert.Equal(first.Painting.Image, again.Painting.Image);
        Assert.Equal(first.Painting.Thumbnail, again.Painting.Thumbnail);
    }

    /// <summary>
    /// The photo's side of the tone step runs on a stage thread beside the painter: it is timed as its own stage, and the
    /// tone stage after the painter is only the painting's side.
    /// </summary>
    [Fact]
    public async Task The_tone_step_s_photo_side_is_timed_as_a_stage_of_its_own()
    {
        const string style = "rembrandt-two-circles";
        using var host = StudioHost.Build(TestManifests.Only(style), [SharedData.RepoModels, SharedData.Models, SharedData.Styles], "cpu");
        var studio = host.Services.GetRequiredService<PortraitStudio>();
        var stages = new StageTimer();

        await studio.PaintAsync(await File.ReadAllBytesAsync(SharedData.Face("astronaut.png")), style, stages, CancellationToken.None);

        Assert.Contains("tonePrep", stages.TimingsMs.Keys);
        Assert.Contains("tone", stages.TimingsMs.Keys);
        Assert.Contains("paint", stages.TimingsMs.Keys);
    }
}
