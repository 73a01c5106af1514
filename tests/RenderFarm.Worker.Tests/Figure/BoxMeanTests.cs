using RenderFarm.Worker.Figure;

namespace RenderFarm.Worker.Tests.Figure;

public class BoxMeanTests
{
    [Theory]
    [InlineData(37, 23, 4)]
    [InlineData(70, 9, 3)] // windows inside the row eight at a time, and the ones the row's ends cut
    [InlineData(16, 40, 8)]
    [InlineData(5, 5, 8)] // the window larger than the image
    public void Each_pixel_gets_the_mean_of_its_window_clipped_to_the_image(int width, int height, int radius)
    {
        var random = new Random(width * 100 + height);
        var values = Enumerable.Range(0, width * height).Select(_ => random.NextSingle()).ToArray();
        var mean = new float[width * height];

        new BoxMean(width, height, radius).Of(values, mean);

        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                double sum = 0;
                var count = 0;
                for (var yy = Math.Max(0, y - radius); yy <= Math.Min(height - 1, y + radius); yy++)
                    for (var xx = Math.Max(0, x - radius); xx <= Math.Min(width - 1, x + radius); xx++)
                    {
                        sum += values[yy * width + xx];
                        count++;
                    }
                Assert.Equal(sum / count, mean[y * width + x], 1e-5);
            }
    }
}
