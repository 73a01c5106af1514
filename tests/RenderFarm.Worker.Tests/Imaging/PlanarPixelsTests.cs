using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tests.Imaging;

/// <summary>
/// RGBA ↔ planar floats on vector lanes give what the conversion one value at a time gives, for every size (whole
/// lanes and a tail), every range a painter declares, halves rounded to even, values beyond the range clamped.
/// </summary>
public sealed class PlanarPixelsTests
{
    [Theory]
    [InlineData(512, 640, 0f, 255f)]
    [InlineData(7, 3, 0f, 255f)]
    [InlineData(13, 11, -1f, 1f)]
    [InlineData(9, 9, 0f, 1f)]
    public void Writing_planes_gives_each_channel_mapped_to_the_painter_s_range(int width, int height, float low, float high)
    {
        var image = Noise(width, height, seed: width);
        var planes = new float[3 * width * height];

        PlanarPixels.Write(image, planes, low, high);

        var plane = width * height;
        var scale = (high - low) / 255f;
        for (var i = 0; i < plane; i++)
            for (var c = 0; c < 3; c++)
                Assert.Equal(image.Pixels[i * 4 + c] * scale + low, planes[c * plane + i]);
    }

    [Theory]
    [InlineData(512, 640, 0f, 255f)]
    [InlineData(7, 3, 0f, 255f)]
    [InlineData(13, 11, -1f, 1f)]
    public void Reading_planes_rounds_halves_to_even_clamps_and_makes_every_pixel_opaque(int width, int height, float low, float high)
    {
        var plane = width * height;
        var random = new Random(plane);
        var planes = new float[3 * plane];
        var span = high - low;
        for (var i = 0; i < planes.Length; i++)
            planes[i] = (i % 5) switch
            {
                // Exact halves on the byte scale (2.5, 3.5, …), below and beyond the range, and anywhere in it.
                0 => low + (random.Next(0, 255) + 0.5f) * span / 255f,
                1 => low - span * (float)random.NextDouble(),
                2 => high + span * (float)random.NextDouble(),
                _ => low + span * (float)random.NextDouble(),
            };

        var image = PlanarPixels.Read(planes, width, height, low, high);

        var toByte = 255f / span;
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
                Assert.Equal((byte)Math.Clamp(MathF.Round((planes[c * plane + i] - low) * toByte), 0f, 255f), image.Pixels[i * 4 + c]);
            Assert.Equal(255, image.Pixels[i * 4 + 3]);
        }
    }

    [Fact]
    public void A_value_that_is_not_a_number_reads_as_black_wherever_it_falls()
    {
        var planes = Enumerable.Repeat(float.NaN, 3 * 9).ToArray();

        var image = PlanarPixels.Read(planes, 9, 1);

        Assert.All(Enumerable.Range(0, 9), i => Assert.Equal([0, 0, 0, 255], image.Pixels[(i * 4)..(i * 4 + 4)]));
    }

    [Fact]
    public void Planes_shorter_than_the_image_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PlanarPixels.Read(new float[3 * 8 - 1], 4, 2));

    [Fact]
    public void An_image_written_and_read_back_is_the_same_image()
    {
        var image = Noise(64, 80, seed: 5);
        var planes = new float[3 * 64 * 80];

        PlanarPixels.Write(image, planes, -1f, 1f);
        var back = PlanarPixels.Read(planes, 64, 80, -1f, 1f);

        for (var i = 0; i < image.Pixels.Length; i++)
            Assert.Equal(i % 4 == 3 ? (byte)255 : image.Pixels[i], back.Pixels[i]);
    }

    [Theory]
    [InlineData(512, 640)]
    [InlineData(5, 3)]
    public void Whole_levels_are_what_reading_back_and_writing_again_gives(int width, int height)
    {
        var plane = width * height;
        var random = new Random(plane);
        var planes = new float[3 * plane];
        for (var i = 0; i < planes.Length; i++)
            planes[i] = (i % 4) switch
            {
                0 => random.Next(-5, 260) + 0.5f,
                1 => float.NaN,
                _ => (float)(random.NextDouble() * 300 - 20),
            };
        var expected = new float[planes.Length];
        PlanarPixels.Write(PlanarPixels.Read(planes, width, height), expected);

        var levels = new float[planes.Length];
        PlanarPixels.AsWholeLevels(planes, levels);

        Assert.Equal(expected, levels);
    }

    static RgbaImage Noise(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 4];
        new Random(seed).NextBytes(pixels);
        return new RgbaImage(width, height, pixels);
    }
}
