using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tests.Imaging;

public class CieLabTests
{
    [Fact]
    public void Planes_match_the_textbook_conversion_for_every_kind_of_colour()
    {
        // Random colours plus the corners of the cube and near-black greys (the linear part of f).
        var random = new Random(3);
        var colours = Enumerable.Range(0, 5000).Select(_ => (random.Next(256), random.Next(256), random.Next(256)))
            .Concat([(0, 0, 0), (255, 255, 255), (255, 0, 0), (0, 255, 0), (0, 0, 255), (1, 1, 1), (3, 2, 4), (8, 8, 8)]).ToList();
        var rgba = colours.SelectMany(c => new[] { (byte)c.Item1, (byte)c.Item2, (byte)c.Item3, (byte)255 }).ToArray();

        var (l, a, b) = CieLab.Of(rgba, colours.Count);
        var lightness = CieLab.LightnessOf(rgba, colours.Count);

        for (var i = 0; i < colours.Count; i++)
        {
            var (el, ea, eb) = Textbook(colours[i]);
            Assert.True(Math.Abs(l[i] - el) < 1e-3 && Math.Abs(a[i] - ea) < 2e-3 && Math.Abs(b[i] - eb) < 2e-3,
                $"{colours[i]}: ({l[i]}, {a[i]}, {b[i]}) vs ({el}, {ea}, {eb})");
            Assert.True(Math.Abs(lightness[i] - el) < 1e-3);
        }
    }

    [Fact]
    public void Writing_a_pixel_back_gives_the_same_colour()
    {
        var rgba = new byte[] { 200, 150, 120, 255, 40, 30, 25, 255, 90, 160, 220, 255 };
        var (l, a, b) = CieLab.Of(rgba, 3);
        var back = new byte[12];
        for (var i = 0; i < 3; i++) CieLab.Write(l[i], a[i], b[i], back, i);
        for (var i = 0; i < 12; i++) Assert.InRange(back[i] - rgba[i], -1, 1);
    }

    [Fact]
    public void A_row_written_at_once_is_the_same_as_its_pixels_written_one_by_one()
    {
        // Lab values across and beyond the sRGB gamut, near-black included (the linear parts of both curves).
        var random = new Random(5);
        const int count = 1000;
        var l = Enumerable.Range(0, count).Select(i => i % 97 == 0 ? random.NextSingle() * 8 : random.NextSingle() * 100).ToArray();
        var a = Enumerable.Range(0, count).Select(_ => random.NextSingle() * 200 - 100).ToArray();
        var b = Enumerable.Range(0, count).Select(_ => random.NextSingle() * 200 - 100).ToArray();
        var (row, oneByOne) = (new byte[(count + 3) * 4], new byte[(count + 3) * 4]);

        CieLab.Write(l, a, b, row, 3);
        for (var i = 0; i < count; i++) CieLab.Write(l[i], a[i], b[i], oneByOne, 3 + i);

        Assert.Equal(oneByOne, row);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(13)]
    public void A_run_of_any_length_gives_each_pixel_what_a_long_run_gives_it(int length)
    {
        // Eight pixels go through the lanes at a time; a run's last few go through them padded.
        var random = new Random(length);
        var rgba = new byte[64 * 4];
        random.NextBytes(rgba);
        var (l, a, b) = CieLab.Of(rgba, 64);
        var lightness = CieLab.LightnessOf(rgba, 64);

        for (var start = 0; start + length <= 64; start += 11)
        {
            var (shortL, shortA, shortB, shortLightness) = (new float[length], new float[length], new float[length], new float[length]);
            CieLab.Of(rgba.AsSpan(start * 4, length * 4), shortL, shortA, shortB);
            CieLab.LightnessOf(rgba.AsSpan(start * 4, length * 4), shortLightness);

            Assert.Equal(l.AsSpan(start, length).ToArray(), shortL);
            Assert.Equal(a.AsSpan(start, length).ToArray(), shortA);
            Assert.Equal(b.AsSpan(start, length).ToArray(), shortB);
            Assert.Equal(lightness.AsSpan(start, length).ToArray(), shortLightness);
        }
    }

    [Fact]
    public void Too_few_bytes_for_the_planes_is_refused()
    {
        var (l, a, b) = (new float[4], new float[4], new float[4]);
        Assert.Throws<ArgumentException>(() => CieLab.Of(new byte[15], l, a, b));
        Assert.Throws<ArgumentException>(() => CieLab.Of(new byte[16], l, a, new float[3]));
    }

    // CIE 1976 L*a*b* (D65) in double precision, straight from the definitions.
    static (double L, double A, double B) Textbook((int R, int G, int B) c)
    {
        static double Linear(int v) => v / 255.0 <= 0.04045 ? v / 255.0 / 12.92 : Math.Pow((v / 255.0 + 0.055) / 1.055, 2.4);
        static double F(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : (24389.0 / 27 * t + 16) / 116;
        var (r, g, b) = (Linear(c.R), Linear(c.G), Linear(c.B));
        var fx = F((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
        var fy = F(0.2126 * r + 0.7152 * g + 0.0722 * b);
        var fz = F((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
        return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz));
    }
}
