using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tests.Imaging;

/// <summary>
/// A crop scaled bilinearly to RGBA bytes: each value is the bilinear value at the output pixel's centre on the crop,
/// rounded to the nearest byte, opaque; a crop that does not lie inside the image is refused.
/// </summary>
public sealed class BilinearImageTests
{
    [Theory]
    [InlineData(0, 0, 512, 640, 512, 640)] // the whole image at its own size: every pixel itself
    [InlineData(50, 60, 400, 500, 512, 640)] // the framer's crop, enlarged
    [InlineData(0, 0, 512, 640, 256, 256)] // the segmenter's input
    [InlineData(13, 7, 101, 77, 19, 13)] // odd sizes: lanes and a tail in every row
    public void Each_pixel_is_the_rounded_bilinear_value_at_its_centre_on_the_crop(int left, int top, int cropWidth, int cropHeight, int width, int height)
    {
        var image = NoiseImages.Of(600, 700, seed: cropWidth + width);

        var scaled = BilinearImage.Of(image, left, top, cropWidth, cropHeight, width, height);

        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                Assert.Equal(255, scaled.Pixels[(y * width + x) * 4 + 3]);
                for (var c = 0; c < 3; c++)
                {
                    var exact = Bilinear(image, c, left, top, cropWidth, cropHeight,
                        (x + 0.5) * cropWidth / width - 0.5, (y + 0.5) * cropHeight / height - 0.5);
                    // Within float positions' reach (~0.01 levels) of a half-way value either neighbour is right.
                    Assert.InRange(scaled.Pixels[(y * width + x) * 4 + c], Math.Floor(exact + 0.5 - 0.02), Math.Floor(exact + 0.5 + 0.02));
                }
            }
    }

    [Theory]
    [InlineData(-1, 0, 10, 10)]
    [InlineData(0, 0, 17, 10)]
    [InlineData(5, 8, 10, 10)]
    [InlineData(0, 0, 0, 10)]
    public void A_crop_that_does_not_lie_inside_the_image_is_refused(int left, int top, int cropWidth, int cropHeight)
    {
        var image = NoiseImages.Of(16, 16, seed: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => BilinearImage.Of(image, left, top, cropWidth, cropHeight, 8, 8));
    }

    // Channel c of the crop's bilinear value at crop position (x, y) in doubles, positions clamped to the outermost centres.
    static double Bilinear(RgbaImage image, int c, int left, int top, int cropWidth, int cropHeight, double x, double y)
    {
        x = Math.Clamp(x, 0, cropWidth - 1);
        y = Math.Clamp(y, 0, cropHeight - 1);
        var (x0, y0) = ((int)x, (int)y);
        var (x1, y1) = (Math.Min(x0 + 1, cropWidth - 1), Math.Min(y0 + 1, cropHeight - 1));
        double At(int px, int py) => image.Pixels[((top + py) * image.Width + left + px) * 4 + c];
        var upper = At(x0, y0) + (At(x1, y0) - At(x0, y0)) * (x - x0);
        var lower = At(x0, y1) + (At(x1, y1) - At(x0, y1)) * (x - x0);
        return upper + (lower - upper) * (y - y0);
    }
}
