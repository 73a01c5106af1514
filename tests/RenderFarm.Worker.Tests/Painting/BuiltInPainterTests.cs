using Microsoft.Extensions.Options;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;
using Xunit.Abstractions;

namespace RenderFarm.Worker.Tests.Painting;

/// <summary>The built-in painters change a portrait visibly yet keep its structure (measured on real faces).</summary>
public class BuiltInPainterTests(ITestOutputHelper output)
{
    // Bounds from measurement on the four faces below at 512x640: MAD 7.8-68 (lowest: oil on camera.png), SSIM on a
    // 128x160 grey thumbnail 0.48-0.94 (lowest: ink on kodim04, highest: oil on hopper). Set with a margin so that a
    // painter turned into a no-op (SSIM near 1, MAD near 0) or into noise (SSIM near 0) fails.
    const double MinMeanAbsoluteDifference = 5.0;
    const double MinStructuralSimilarity = 0.35;
    const double MaxStructuralSimilarity = 0.985;

    static readonly string[] Faces = ["astronaut.png", "kodim04.png", "hopper.jpg", "camera.png"];

    [Theory]
    [InlineData("oil")]
    [InlineData("watercolor")]
    [InlineData("ink")]
    public async Task Painter_changes_the_portrait_but_keeps_its_structure(string painterName)
    {
        using var registry = Painters.CreateRegistry();
        Assert.True(registry.TryGet(painterName, out var painter));
        var decoder = new SourceDecoder();
        var framer = new PortraitFramer(Options.Create(new CanvasOptions()));

        foreach (var face in Faces)
        {
            var framed = framer.Frame(decoder.Decode(await File.ReadAllBytesAsync(SharedData.Face(face)))).Image;
            var painted = await painter.PaintAsync(framed, CancellationToken.None);

            var mad = ImageMeasures.MeanAbsoluteDifference(framed, painted);
            var ssim = ImageMeasures.GreySsim(framed, painted, 128, 160);
            output.WriteLine($"{painterName} {face}: MAD {mad:F1}, SSIM {ssim:F3}");
            Assert.True(mad >= MinMeanAbsoluteDifference, $"{painterName} barely changed {face}: MAD {mad:F1}");
            Assert.InRange(ssim, MinStructuralSimilarity, MaxStructuralSimilarity);
        }
    }
}
