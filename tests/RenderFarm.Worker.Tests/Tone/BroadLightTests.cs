using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Tone;

namespace RenderFarm.Worker.Tests.Tone;

public class BroadLightTests
{
    const int Width = 96, Height = 120;
    const float Sigma = 12f;

    [Fact]
    public void Each_side_of_the_cut_is_the_normalized_blur_of_that_side_alone()
    {
        // A light figure (an ellipse with a soft edge) on a dark, textured ground.
        var random = new Random(7);
        var probability = new float[Width * Height];
        var values = new float[Width * Height];
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
            {
                var (dx, dy) = ((x - 48f) / 30, (y - 70f) / 45);
                var inside = Math.Clamp((1 - MathF.Sqrt(dx * dx + dy * dy)) * 6 + 0.5f, 0, 1);
                probability[y * Width + x] = inside;
                values[y * Width + x] = (inside > 0.5f ? 80 : 20) + random.NextSingle() * 10;
            }
        var mask = new PersonMask(Width, Height, probability);

        using var light = new BroadLight(mask, Width, Height, Sigma);
        var broad = light.Of(values);

        // The definition, one full-size blur per term: α·blur(α·v)/blur(α) + (1−α)·blur((1−α)·v)/blur(1−α).
        var lowPass = new LowPass(Width, Height, Sigma);
        var alpha = probability.Select(Cutout.Alpha).ToArray();
        var figure = lowPass.Blur(values.Select((v, i) => v * alpha[i]).ToArray());
        var figureWeight = lowPass.Blur(alpha);
        var ground = lowPass.Blur(values.Select((v, i) => v * (1 - alpha[i])).ToArray());
        var groundWeight = lowPass.Blur(alpha.Select(a => 1 - a).ToArray());
        for (var i = 0; i < values.Length; i++)
        {
            if (figureWeight[i] <= 1e-3f || groundWeight[i] <= 1e-3f) continue;
            var expected = alpha[i] * figure[i] / figureWeight[i] + (1 - alpha[i]) * ground[i] / groundWeight[i];
            Assert.True(Math.Abs(expected - broad[i]) < 1e-3f, $"pixel {i}: {broad[i]} vs {expected}");
        }
        // And the cut holds: the ground next to the figure keeps the ground's dark, the figure's edge its light.
        Assert.InRange(broad[70 * Width + 48 + 33], 15, 35);
        Assert.InRange(broad[70 * Width + 48 + 27], 75, 95);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // no cut: each plane's plain blur
    public void Several_planes_at_once_are_each_what_one_plane_alone_gives(bool cutOut)
    {
        var random = new Random(cutOut ? 3 : 4);
        var probability = Enumerable.Range(0, Width * Height).Select(i => i % Width > 30 && i % Width < 70 ? 0.9f : 0.1f).ToArray();
        float[][] planes = [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, Width * Height).Select(_ => random.NextSingle() * 100).ToArray())];
        using var light = new BroadLight(cutOut ? new PersonMask(Width, Height, probability) : null, Width, Height, Sigma);
        float[][] together = [.. planes.Select(_ => new float[Width * Height])];

        light.Of(planes, together, new ConcurrentParts());

        for (var i = 0; i < planes.Length; i++)
            Assert.Equal(light.Of(planes[i]), together[i]);
    }

    // Runs each part on the thread pool, all at once, as idle stage threads would take them.
    sealed class ConcurrentParts : RenderFarm.Worker.Imaging.IPartRunner
    {
        public void Run(int count, Action<int> part) => Parallel.For(0, count, part);
    }

    [Fact]
    public void Blur_keeps_a_flat_plane_flat_and_spreads_a_point_smoothly()
    {
        var lowPass = new LowPass(Width, Height, Sigma);
        Assert.All(lowPass.Blur(Enumerable.Repeat(42f, Width * Height).ToArray()), v => Assert.Equal(42f, v, 3));

        var point = new float[Width * Height];
        point[60 * Width + 48] = 1000;
        var spread = lowPass.Blur(point);
        Assert.True(spread[60 * Width + 48] > spread[60 * Width + 60]);
        Assert.True(spread[60 * Width + 60] > spread[60 * Width + 90]);
        Assert.Equal(1000, spread.Sum(), 0);
    }
}
