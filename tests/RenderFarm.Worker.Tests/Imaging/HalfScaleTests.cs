using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tests.Imaging;

public class HalfScaleTests
{
    [Theory]
    [InlineData(64, 32, 0, 0, 64, 32)]    // whole image, a multiple of the eight pixels done at a time
    [InlineData(101, 57, 3, 5, 91, 47)]   // a region with odd sides: the last column and row are left out
    [InlineData(40, 9, 1, 1, 38, 6)]      // rows shorter than one vector's worth
    public void Each_pixel_is_the_rounded_mean_of_its_two_by_two_block_in_every_channel(int width, int height, int left, int top, int w, int h)
    {
        var source = NoiseImages.Of(width, height, seed: width * height);

        var half = HalfScale.Of(source, left, top, w, h);

        Assert.Equal((w / 2, h / 2), (half.Width, half.Height));
        for (var y = 0; y < half.Height; y++)
            for (var x = 0; x < half.Width; x++)
                for (var c = 0; c < 4; c++)
                {
                    int At(int dx, int dy) => source.Pixels[((top + 2 * y + dy) * width + left + 2 * x + dx) * 4 + c];
                    var expected = (At(0, 0) + At(1, 0) + At(0, 1) + At(1, 1) + 2) / 4;
                    Assert.Equal(expected, half.Pixels[(y * half.Width + x) * 4 + c]);
                }
    }

    [Fact]
    public void A_region_outside_the_image_is_refused()
    {
        var source = NoiseImages.Of(16, 16, seed: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => HalfScale.Of(source, 10, 0, 8, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => HalfScale.Of(source, 0, 0, 1, 8));
    }
}
