using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tests.Imaging;

public class AreaScaleTests
{
    // The mean of the source area under output pixel (x, y) in channel c, each source pixel weighted by the part of
    // it that area covers: the definition, in doubles, one pixel at a time.
    static double AreaMean(RgbaImage source, int width, int height, int x, int y, int c)
    {
        double scaleX = (double)source.Width / width, scaleY = (double)source.Height / height;
        double sum = 0, area = 0;
        for (var sy = 0; sy < source.Height; sy++)
        {
            var coverY = Math.Min((y + 1) * scaleY, sy + 1) - Math.Max(y * scaleY, sy);
            if (coverY <= 0) continue;
            for (var sx = 0; sx < source.Width; sx++)
            {
                var coverX = Math.Min((x + 1) * scaleX, sx + 1) - Math.Max(x * scaleX, sx);
                if (coverX <= 0) continue;
                sum += coverX * coverY * source.Pixels[(sy * source.Width + sx) * 4 + c];
                area += coverX * coverY;
            }
        }
        return sum / area;
    }

    [Theory]
    [InlineData(64, 48, 16, 12)]   // a whole factor: plain 4×4 block means
    [InlineData(101, 57, 30, 17)]  // fractional spans: edge pixels shared between two outputs
    [InlineData(7, 9, 3, 2)]       // rows shorter than one vector's worth
    [InlineData(50, 40, 50, 40)]   // no shrink: every pixel itself
    public void Each_pixel_is_the_mean_of_the_source_area_it_covers(int sourceWidth, int sourceHeight, int width, int height)
    {
        var source = NoiseImages.Of(sourceWidth, sourceHeight, seed: sourceWidth * sourceHeight);

        var scaled = AreaScale.Of(source, width, height);

        Assert.Equal((width, height), (scaled.Width, scaled.Height));
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                for (var c = 0; c < 4; c++)
                {
                    var expected = AreaMean(source, width, height, x, y, c);
                    var actual = scaled.Pixels[(y * width + x) * 4 + c];
                    // Float sums against the double definition: a value near .5 may round either way.
                    Assert.True(Math.Abs(actual - expected) <= 0.51, $"({x},{y}) channel {c}: {actual}, the area's mean is {expected:F3}");
                }
    }

    [Fact]
    public void A_flat_colour_stays_exactly_that_colour()
    {
        var source = RgbaImage.Allocate(2016, 1512);
        for (var i = 0; i < source.Pixels.Length; i += 4)
            (source.Pixels[i], source.Pixels[i + 1], source.Pixels[i + 2], source.Pixels[i + 3]) = ((byte)201, (byte)37, (byte)255, (byte)255);

        var scaled = AreaScale.Of(source, 320, 240);

        for (var i = 0; i < scaled.Pixels.Length; i += 4)
            Assert.Equal((201, 37, 255, 255), (scaled.Pixels[i], scaled.Pixels[i + 1], scaled.Pixels[i + 2], scaled.Pixels[i + 3]));
    }

    [Fact]
    public void Growing_an_image_is_refused()
    {
        var source = NoiseImages.Of(16, 16, seed: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => AreaScale.Of(source, 32, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => AreaScale.Of(source, 8, 0));
    }
}
