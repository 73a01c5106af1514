using RenderFarm.Worker.Tone;

namespace RenderFarm.Worker.Tests.Tone;

public class LowPassTests
{
    [Theory]
    [InlineData(512, 640)] // the canvas: a small grid of 128×160, eight values at a time
    [InlineData(52, 30)] // a grid of 13×8: a row that is no whole number of vector steps
    public void The_small_grid_is_convolved_with_the_gaussian_rows_then_columns_repeating_its_edges(int width, int height)
    {
        var lowPass = new LowPass(width, height, ToneKeeper.Sigma);
        var (w, h) = (lowPass.SmallWidth, lowPass.SmallHeight);
        var random = new Random(w * h);
        var grid = Enumerable.Range(0, w * h).Select(_ => random.NextSingle() * 100).ToArray();
        var kernel = LowPass.Kernel(ToneKeeper.Sigma / LowPass.Factor);
        var radius = kernel.Length / 2;
        var across = new double[w * h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                for (var k = 0; k < kernel.Length; k++)
                    across[y * w + x] += kernel[k] * grid[y * w + Math.Clamp(x + k - radius, 0, w - 1)];
        var expected = new double[w * h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                for (var k = 0; k < kernel.Length; k++)
                    expected[y * w + x] += kernel[k] * across[Math.Clamp(y + k - radius, 0, h - 1) * w + x];

        lowPass.Convolve(grid);

        for (var i = 0; i < grid.Length; i++)
            Assert.Equal(expected[i], grid[i], 1e-3);
    }
}
