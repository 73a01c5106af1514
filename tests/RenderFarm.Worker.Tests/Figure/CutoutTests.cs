using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tests.Figure;

public class CutoutTests
{
    [Theory]
    [InlineData(64, 48)]
    [InlineData(13, 7)] // rows that are no whole number of eight-pixel steps
    [InlineData(1, 5)]
    public void Every_pixel_is_photo_times_alpha_plus_ground_times_the_rest_and_opaque(int width, int height)
    {
        var random = new Random(7);
        var photo = RgbaImage.Allocate(width, height);
        var ground = RgbaImage.Allocate(width, height);
        random.NextBytes(photo.Pixels);
        random.NextBytes(ground.Pixels); // alpha bytes included: the result must be opaque whatever they are
        // Probabilities across the whole range, with runs of sure ground, sure person and the edge between.
        var probabilities = Enumerable.Range(0, width * height)
            .Select(i => (i / 97 % 3) switch { 0 => 0f, 1 => 1f, _ => (float)random.NextDouble() }).ToArray();

        var placed = Cutout.Place(photo, new PersonMask(width, height, probabilities), ground);

        for (var i = 0; i < width * height; i++)
        {
            var a = Cutout.Alpha(probabilities[i]);
            for (var c = 0; c < 3; c++)
            {
                var (p, g) = (photo.Pixels[i * 4 + c], ground.Pixels[i * 4 + c]);
                Assert.Equal((byte)(g + (p - g) * a + 0.5f), placed.Pixels[i * 4 + c]);
            }
            Assert.Equal(255, placed.Pixels[i * 4 + 3]);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(37)]
    public void Alphas_of_a_run_are_each_probabilitys_alpha(int length)
    {
        var random = new Random(length);
        var probabilities = Enumerable.Range(0, length).Select(_ => random.NextSingle() * 1.4f - 0.2f).ToArray();
        var alphas = new float[length];

        Cutout.Alphas(probabilities, alphas);

        for (var i = 0; i < length; i++) Assert.Equal(Cutout.Alpha(probabilities[i]), alphas[i]);
    }

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(0.3f, 0f)]
    [InlineData(0.55f, 0.5f)]
    [InlineData(0.8f, 1f)]
    [InlineData(1f, 1f)]
    public void The_soft_edge_is_tightened_to_a_smooth_ramp_between_its_two_thresholds(float probability, float alpha)
    {
        Assert.Equal(alpha, Cutout.Alpha(probability), 5);
    }
}
