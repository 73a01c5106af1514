using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tests.Imaging;

public class BlockGridTests
{
    /// <summary>A small-grid plane sampled bilinearly at a full-size pixel's centre, clamped at the edges, worked out directly.</summary>
    static float Bilinear(float[] small, int smallWidth, int smallHeight, int factor, int x, int y)
    {
        var fx = Math.Clamp((x + 0.5) / factor - 0.5, 0, smallWidth - 1);
        var fy = Math.Clamp((y + 0.5) / factor - 0.5, 0, smallHeight - 1);
        var (x0, y0) = ((int)fx, (int)fy);
        var (x1, y1) = (Math.Min(x0 + 1, smallWidth - 1), Math.Min(y0 + 1, smallHeight - 1));
        var (tx, ty) = (fx - x0, fy - y0);
        double At(int cx, int cy) => small[cy * smallWidth + cx];
        var top = At(x0, y0) + (At(x1, y0) - At(x0, y0)) * tx;
        var bottom = At(x0, y1) + (At(x1, y1) - At(x0, y1)) * tx;
        return (float)(top + (bottom - top) * ty);
    }

    [Theory]
    [InlineData(40, 24, 4)] // a width of whole blocks: four pixels at a time
    [InlineData(41, 23, 4)] // a part block at the right and bottom edges
    [InlineData(30, 17, 2)] // a width of whole blocks: two pixels per small column, eight at a time
    [InlineData(70, 5, 2)]
    [InlineData(31, 9, 2)] // a part block at the right edge: pixel by pixel
    public void Sampled_rows_are_the_bilinear_sample_at_each_pixel_centre(int width, int height, int factor)
    {
        var grid = new BlockGrid(width, height, factor);
        var random = new Random(width * height);
        var small = Enumerable.Range(0, grid.SmallLength).Select(_ => random.NextSingle() * 100).ToArray();
        var (between, row) = (new float[grid.SmallWidth], new float[width]);

        for (var y = 0; y < height; y++)
        {
            grid.SampleRow(small, y, between, row);
            for (var x = 0; x < width; x++)
                Assert.Equal(Bilinear(small, grid.SmallWidth, grid.SmallHeight, factor, x, y), row[x], 1e-3f);
        }
    }

    [Fact]
    public void Reduce_gives_each_cell_the_mean_of_its_block_and_of_the_part_block_at_an_edge()
    {
        var grid = new BlockGrid(6, 5, 4);
        var values = Enumerable.Range(0, 30).Select(i => (float)i).ToArray();
        var (small, weighted) = (new float[grid.SmallLength], new float[grid.SmallLength]);

        grid.Reduce(values, Enumerable.Repeat(0.5f, 30).ToArray(), small, weighted);

        // Cells: x 0-3 | 4-5, y 0-3 | 4. Value = 6y + x.
        float Mean(int x0, int x1, int y0, int y1) =>
            (float)Enumerable.Range(y0, y1 - y0).SelectMany(y => Enumerable.Range(x0, x1 - x0).Select(x => 6.0 * y + x)).Average();
        Assert.Equal([Mean(0, 4, 0, 4), Mean(4, 6, 0, 4), Mean(0, 4, 4, 5), Mean(4, 6, 4, 5)], small);
        Assert.Equal(small.Select(v => v / 2), weighted);
    }

    // Rows of many cells go eight cells at a time on vector lanes, with a part block at the right edge: each cell's sums
    // must be those of adding its values one at a time, to the last bit.
    [Theory]
    [InlineData(75, 9, 4)]
    [InlineData(37, 5, 2)]
    [InlineData(512, 12, 4)]
    public void Reduce_on_lanes_sums_each_block_as_one_value_at_a_time_does(int width, int height, int factor)
    {
        var grid = new BlockGrid(width, height, factor);
        var random = new Random(width);
        var values = Enumerable.Range(0, width * height).Select(_ => (float)random.NextDouble() * 100f).ToArray();
        var weights = Enumerable.Range(0, width * height).Select(_ => (float)random.NextDouble()).ToArray();
        var (small, weighted, plain) = (new float[grid.SmallLength], new float[grid.SmallLength], new float[grid.SmallLength]);

        grid.Reduce(values, weights, small, weighted);
        grid.Reduce(values, plain);

        var (sums, weightedSums) = (new float[grid.SmallLength], new float[grid.SmallLength]);
        for (var y = 0; y < height; y++)
            for (var cell = 0; cell < grid.SmallWidth; cell++)
            {
                var (sum, weightedSum) = (0f, 0f);
                for (var x = cell * factor; x < Math.Min(width, cell * factor + factor); x++)
                {
                    sum += values[y * width + x];
                    weightedSum += values[y * width + x] * weights[y * width + x];
                }
                sums[y / factor * grid.SmallWidth + cell] += sum;
                weightedSums[y / factor * grid.SmallWidth + cell] += weightedSum;
            }
        for (var i = 0; i < grid.SmallLength; i++)
        {
            var (cellX, cellY) = (i % grid.SmallWidth, i / grid.SmallWidth);
            var count = Math.Min(factor, width - cellX * factor) * Math.Min(factor, height - cellY * factor);
            Assert.Equal(sums[i] * (1f / count), small[i]);
            Assert.Equal(weightedSums[i] * (1f / count), weighted[i]);
            Assert.Equal(small[i], plain[i]);
        }
    }
}
