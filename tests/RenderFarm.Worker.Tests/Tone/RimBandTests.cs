using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Tone;

namespace RenderFarm.Worker.Tests.Tone;

public class RimBandTests
{
    /// <summary>The share the band's rule gives a pixel at <paramref name="distance"/> px (Chebyshev) from the figure.</summary>
    static float Rule(int distance)
    {
        if (distance == 0) return 1;
        var t = Math.Min(1f, distance / (RimBand.Reach + 1f));
        return RimBand.Texture + (1 - RimBand.Texture) * t * t * (3 - 2 * t);
    }

    [Theory]
    [InlineData(7, 90, 70)]
    [InlineData(11, 90, 70)]
    [InlineData(3, 1, 40)] // a single column: no neighbours along the row
    [InlineData(5, 33, 9)] // one whole vector of a row's 32 between its two ends, and none left over
    [InlineData(9, 2, 50)]
    public void Each_ground_pixel_keeps_texture_by_its_chebyshev_distance_to_the_figure(int seed, int width, int height)
    {
        // A figure of a few random blobs, one touching the frame's edge, and some stray pixels.
        var random = new Random(seed);
        var alpha = new float[width * height];
        for (var blob = 0; blob < 3; blob++)
        {
            var (cx, cy, r) = (random.Next(width), random.Next(height), random.Next(0, 12));
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) alpha[y * width + x] = 0.5f + random.NextSingle() / 2;
        }
        for (var stray = 0; stray < 4; stray++) alpha[random.Next(alpha.Length)] = 1;
        var figure = new PersonMask(width, height, alpha);
        var share = new float[width * height];

        RimBand.TextureShare(figure, share);

        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var nearest = int.MaxValue;
                for (var fy = 0; fy < height; fy++)
                    for (var fx = 0; fx < width; fx++)
                        if (alpha[fy * width + fx] >= 0.5f) nearest = Math.Min(nearest, Math.Max(Math.Abs(fx - x), Math.Abs(fy - y)));
                Assert.True(Math.Abs(Rule(nearest) - share[y * width + x]) < 1e-5f, $"({x},{y}) at distance {nearest}: {share[y * width + x]}, rule {Rule(nearest)}");
            }
    }

    [Fact]
    public void Without_a_figure_pixel_the_whole_ground_keeps_all_its_texture()
    {
        var figure = new PersonMask(40, 30, Enumerable.Repeat(0.3f, 40 * 30).ToArray());
        var share = new float[40 * 30];

        RimBand.TextureShare(figure, share);

        Assert.All(share, s => Assert.Equal(1f, s));
    }
}
