using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Commands;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;
using Xunit.Abstractions;

namespace RenderFarm.Worker.Tests.Figure;

/// <summary>The sitter is painted on a ground of the studio's; nothing of the photo's surroundings reaches the portrait.</summary>
public class FigureGroundTests(ITestOutputHelper output)
{
    static IHost Studio(string style, bool segmenter = true) => StudioHost.Build(TestManifests.Only(style),
        [SharedData.RepoModels, SharedData.Models, SharedData.Styles], "cpu",
        segmenter ? null : new Dictionary<string, string?> { ["Figure:File"] = "" });

    [Theory]
    [InlineData("rembrandt-two-circles")] // oil: a dark studio ground
    [InlineData("rembrandt-hundred-guilder")] // ink: bare paper
    public async Task A_striped_wall_behind_the_sitter_does_not_survive_in_the_portrait(string style)
    {
        var photo = TestPhotos.SitterOnStripes();
        using var withFigure = Studio(style);
        using var fullFrame = Studio(style, segmenter: false);

        var cutOut = await withFigure.Services.GetRequiredService<PortraitStudio>().PaintAsync(photo, style, new StageTimer(), CancellationToken.None);
        var painted = await fullFrame.Services.GetRequiredService<PortraitStudio>().PaintAsync(photo, style, new StageTimer(), CancellationToken.None);

        var stripesKept = TestPhotos.StripeAnisotropy(painted.Painting.Image);
        var stripesCutOut = TestPhotos.StripeAnisotropy(cutOut.Painting.Image);
        output.WriteLine($"{style}: stripe anisotropy full frame {stripesKept:F2}, cut out {stripesCutOut:F2}; {cutOut.Figure}");
        Assert.True(stripesKept > 2, $"the control should still show the stripes ({stripesKept:F2})");
        Assert.True(stripesCutOut < 1.5, $"stripes show through the ground ({stripesCutOut:F2})");
        Assert.StartsWith("person cut out", cutOut.Figure);
        Assert.StartsWith("no person segmenter configured: the full frame is painted", painted.Figure);
    }

    [Fact]
    public async Task A_photo_without_a_person_is_painted_full_frame_and_the_record_says_so()
    {
        using var studio = Studio("ink");
        var landscape = await File.ReadAllBytesAsync(SharedData.Exif("DSCN0010.jpg")); // a street, nobody in it

        var result = await studio.Services.GetRequiredService<PortraitStudio>().PaintAsync(landscape, "ink", new StageTimer(), CancellationToken.None);

        output.WriteLine(result.Figure);
        Assert.StartsWith("no person found", result.Figure);
        Assert.EndsWith("the full frame is painted", result.Figure);
    }

    [Fact]
    public void Ground_of_a_painting_is_dark_and_of_a_print_is_its_paper()
    {
        var oil = GroundTone.Of(ArtworkImage.Load(Path.Combine(SharedData.Styles, "oil-rembrandt-self-portrait-two-circles-1665.jpg"), 256), "oil");
        var ink = GroundTone.Of(ArtworkImage.Load(Path.Combine(SharedData.Styles, "ink-rembrandt-hundred-guilder-print-1648.jpg"), 256), "ink");

        Assert.False(oil.IsPaper);
        Assert.True(Luma(oil.Lit) < 110 && Luma(oil.Shadow) < Luma(oil.Lit), $"oil ground {oil}");
        Assert.True(ink.IsPaper);
        Assert.True(Luma(ink.Lit) > 170, $"paper {ink}");
    }

    static double Luma((byte R, byte G, byte B) c) => 0.2126 * c.R + 0.7152 * c.G + 0.0722 * c.B;
}
