using RenderFarm.Worker.Imaging;
using SkiaSharp;

namespace RenderFarm.Worker.Tests.Imaging;

/// <summary>
/// Bilinear scaling straight into planar floats (the face detector's input) gives the bilinear value at each output
/// pixel's centre, on vector lanes and in the tail alike, shrinking and enlarging, and what Skia's bilinear gave the
/// detector before to within its rounding to bytes.
/// </summary>
public sealed class BilinearPlanesTests
{
    [Theory]
    [InlineData(512, 640, 320, 240)] // a canvas to the detector's input: 1.6× across, 2.7× down
    [InlineData(640, 480, 320, 240)] // a webcam frame, exactly halved
    [InlineData(37, 29, 320, 240)] // enlarged
    [InlineData(101, 77, 19, 13)] // odd sizes: lanes and a tail in every row
    public void Each_output_pixel_is_the_bilinear_value_at_its_centre(int sourceWidth, int sourceHeight, int width, int height)
    {
        var image = NoiseImages.Of(sourceWidth, sourceHeight, seed: sourceWidth + width);
        var planes = new float[3 * width * height];

        BilinearPlanes.Write(image, width, height, planes, low: -1f, high: 1f);

        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                for (var c = 0; c < 3; c++)
                {
                    var expected = Bilinear(image, c, (x + 0.5) * sourceWidth / width - 0.5, (y + 0.5) * sourceHeight / height - 0.5) * 2 / 255 - 1;
                    Assert.InRange(planes[c * width * height + y * width + x] - expected, -1e-4, 1e-4); // ~0.01 levels: float positions
                }
    }

    [Theory]
    [InlineData(512, 640)]
    [InlineData(512, 512)]
    [InlineData(128, 128)]
    public void It_gives_what_skia_s_bilinear_gave_to_within_the_rounding_to_bytes(int sourceWidth, int sourceHeight)
    {
        var image = NoiseImages.Of(sourceWidth, sourceHeight, seed: 7);
        var planes = new float[3 * 320 * 240];

        BilinearPlanes.Write(image, 320, 240, planes);

        var skia = SkiaBilinear(image, 320, 240);
        for (var i = 0; i < 320 * 240; i++)
            for (var c = 0; c < 3; c++)
                Assert.InRange(planes[c * 320 * 240 + i] - skia[i * 4 + c], -0.51f, 0.51f);
    }

    [Fact]
    public void Planes_too_small_for_the_output_are_refused()
    {
        var image = NoiseImages.Of(16, 16, seed: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => BilinearPlanes.Write(image, 8, 8, new float[3 * 8 * 8 - 1]));
    }

    // The bilinear value of channel c at source position (x, y) in doubles, positions clamped to the outermost centres.
    static double Bilinear(RgbaImage image, int c, double x, double y)
    {
        x = Math.Clamp(x, 0, image.Width - 1);
        y = Math.Clamp(y, 0, image.Height - 1);
        var (x0, y0) = ((int)x, (int)y);
        var (x1, y1) = (Math.Min(x0 + 1, image.Width - 1), Math.Min(y0 + 1, image.Height - 1));
        double At(int px, int py) => image.Pixels[(py * image.Width + px) * 4 + c];
        var top = At(x0, y0) + (At(x1, y0) - At(x0, y0)) * (x - x0);
        var bottom = At(x0, y1) + (At(x1, y1) - At(x0, y1)) * (x - x0);
        return top + (bottom - top) * (y - y0);
    }

    // The whole image drawn at width × height through Skia's RGBA pipeline with bilinear sampling, as the detector's
    // input was made before.
    static byte[] SkiaBilinear(RgbaImage image, int width, int height)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var source = SKImage.FromPixelCopy(info, image.Pixels.AsSpan(0, image.Width * image.Height * 4));
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        surface.Canvas.DrawImage(source, SKRect.Create(0, 0, image.Width, image.Height), SKRect.Create(0, 0, width, height),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        using var pixels = surface.PeekPixels();
        return pixels.GetPixelSpan().ToArray();
    }
}
