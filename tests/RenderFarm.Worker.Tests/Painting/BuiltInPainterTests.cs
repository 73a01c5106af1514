using Microsoft.Extensions.Options;
using RenderFarm.PortraitQuality;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;
using RenderFarm.Worker.Tests.Faces;
using Xunit.Abstractions;

namespace RenderFarm.Worker.Tests.Painting;

/// <summary>The built-in painters change a portrait visibly yet keep its structure and its sitter (measured on real faces).</summary>
public class BuiltInPainterTests(ITestOutputHelper output)
{
    // Bounds from measurement on the four faces below at 512x640: MAD 12.6-68 (lowest: oil on camera.png),
    // SSIM on a 128x160 grey thumbnail 0.48-0.85 (lowest: ink on kodim04, highest: oil on hopper). Set with a margin so
    // that a painter turned into a no-op (SSIM near 1, MAD near 0) or into noise (SSIM near 0) fails; the ceiling also
    // fails the earlier oil painter, which reached 0.94 on hopper.
    const double MinMeanAbsoluteDifference = 8.0;
    const double MinStructuralSimilarity = 0.35;
    const double MaxStructuralSimilarity = 0.92;

    static readonly string[] Faces = ["astronaut.png", "kodim04.png", "hopper.jpg", "camera.png"];

    static readonly string[] AllFaces = ["astronaut.png", "kodim04.png", "hopper.jpg", "camera.png", "kodim18.png", "kodim12.png"];

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

            var mad = PortraitMeasures.MeanAbsoluteDifference(framed, painted);
            var ssim = PortraitMeasures.GreySsim(framed, painted, 128, 160);
            output.WriteLine($"{painterName} {face}: MAD {mad:F1}, SSIM {ssim:F3}");
            Assert.True(mad >= MinMeanAbsoluteDifference, $"{painterName} barely changed {face}: MAD {mad:F1}");
            Assert.InRange(ssim, MinStructuralSimilarity, MaxStructuralSimilarity);
        }
    }

    /// <summary>
    /// Oil and watercolor must read as paint at gallery size, not as a soft-focus photo: full-size grey SSIM against the
    /// framed photo measured 0.50-0.62 (mean 0.57) for oil and 0.56-0.66 (mean 0.60) for watercolor, where the earlier
    /// painters left 0.74-0.76. The ceilings on the mean fail those and any near-copy of the photo; the floor per face
    /// fails noise. The sitter stays: UltraFace found the face in 6 of 6 paintings (weakest: watercolor on camera.png
    /// 0.75, oil on kodim12.png 0.85; at most one miss is allowed, as for the face-keeping floor), and the face's mean
    /// CIELAB L* moved by +0.5..+2.9 (oil) and +1.0..+5.7 (watercolor), within the ±8 a portrait's skin may move.
    /// </summary>
    [Theory]
    [InlineData("oil", 0.62)]
    [InlineData("watercolor", 0.65)]
    public async Task Paint_reads_as_paint_at_gallery_size_and_keeps_the_sitter(string painterName, double maxMeanSsim)
    {
        const double MinSsim = 0.40, MaxLightnessShift = 8.0;
        using var registry = Painters.CreateRegistry();
        Assert.True(registry.TryGet(painterName, out var painter));
        using var detector = Detector.Create();
        var decoder = new SourceDecoder();
        var framer = new PortraitFramer(Options.Create(new CanvasOptions()));
        var ssims = new List<double>();
        var (withFace, lost) = (0, 0);

        foreach (var face in AllFaces)
        {
            var photo = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Face(face)));
            var framed = framer.Frame(photo, detector.Detect(photo));
            var painted = await painter.PaintAsync(framed.Image, CancellationToken.None);

            var ssim = PortraitMeasures.GreySsim(framed.Image, painted, framed.Image.Width, framed.Image.Height);
            ssims.Add(ssim);
            Assert.True(ssim >= MinSsim, $"{painterName} on {face}: SSIM {ssim:F3} is no longer the sitter's picture");
            if (framed.Face is null || detector.Detect(framed.Image).Count == 0)
            {
                output.WriteLine($"{painterName} {face}: SSIM {ssim:F3} (no face in the framed photo)");
                continue;
            }
            withFace++;
            var found = detector.Detect(painted).Count > 0;
            if (!found) lost++;
            var shift = MeanLightness(painted, framed.Face) - MeanLightness(framed.Image, framed.Face);
            output.WriteLine($"{painterName} {face}: SSIM {ssim:F3}, face {(found ? "found" : "LOST")}, face ΔL* {shift:+0.0;-0.0}");
            Assert.InRange(shift, -MaxLightnessShift, MaxLightnessShift);
        }

        var mean = ssims.Average();
        output.WriteLine($"{painterName}: mean SSIM {mean:F3}, face lost in {lost} of {withFace}");
        Assert.True(mean <= maxMeanSsim, $"{painterName} still reads as the photo: mean SSIM {mean:F3} > {maxMeanSsim}");
        Assert.True(withFace >= 5, $"only {withFace} framed photos had a face");
        Assert.True(lost <= 1, $"{painterName} lost the face in {lost} of {withFace} portraits");
    }

    /// <summary>Mean CIELAB L* (D65, sRGB) inside a face box.</summary>
    static double MeanLightness(RgbaImage image, FaceBox box)
    {
        static double Linear(byte c)
        {
            var v = c / 255.0;
            return v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        }
        double sum = 0;
        var count = 0;
        for (var y = Math.Max(0, (int)box.Y1); y < Math.Min(image.Height, (int)box.Y2); y++)
            for (var x = Math.Max(0, (int)box.X1); x < Math.Min(image.Width, (int)box.X2); x++)
            {
                var i = (y * image.Width + x) * 4;
                var luminance = 0.2126 * Linear(image.Pixels[i]) + 0.7152 * Linear(image.Pixels[i + 1]) + 0.0722 * Linear(image.Pixels[i + 2]);
                sum += luminance > 216.0 / 24389 ? 116 * Math.Cbrt(luminance) - 16 : 24389.0 / 27 * luminance;
                count++;
            }
        return sum / count;
    }
}
