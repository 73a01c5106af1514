using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;
using RenderFarm.Worker.Tests.Imaging;

namespace RenderFarm.Worker.Tests.Pipeline;

public class PhotoFeaturesTests
{
    static RgbaImage Paint(int width, int height, Func<int, int, (byte R, byte G, byte B)> colour)
    {
        var image = RgbaImage.Allocate(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = colour(x, y);
                var i = (y * width + x) * 4;
                (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2], image.Pixels[i + 3]) = (r, g, b, 255);
            }
        return image;
    }

    [Fact]
    public void Colourfulness_of_a_grey_image_is_zero_and_of_a_red_green_split_is_high()
    {
        var grey = PhotoFeatures.Measure(Paint(64, 80, (_, _) => (90, 90, 90)), null, 0, null);
        var split = PhotoFeatures.Measure(Paint(64, 80, (x, _) => x < 32 ? ((byte)255, (byte)0, (byte)0) : ((byte)0, (byte)255, (byte)0)), null, 0, null);

        Assert.Equal(0, grey.Colourfulness, 3);
        Assert.True(split.Colourfulness > 59, $"colourfulness {split.Colourfulness}");
    }

    [Fact]
    public void Side_light_is_the_lightness_difference_between_the_halves_of_the_face()
    {
        var face = new FaceBox(20, 20, 60, 70, 1f);
        var evenly = Paint(80, 100, (_, _) => (150, 120, 100));
        var fromLeft = Paint(80, 100, (x, _) => x < 40 ? ((byte)200, (byte)170, (byte)150) : ((byte)90, (byte)70, (byte)60));

        var even = PhotoFeatures.Measure(evenly, face, 1, null).SideLight;
        var side = PhotoFeatures.Measure(fromLeft, face, 1, null).SideLight;

        Assert.InRange(even, 0, 0.5);
        Assert.InRange(side, 30, 50); // L* ≈ 72 against ≈ 31
    }

    [Fact]
    public void A_busy_background_measures_busier_than_a_plain_one_and_the_person_does_not_count()
    {
        var mask = new PersonMask(80, 100, Enumerable.Range(0, 8000).Select(i => i % 80 is >= 20 and < 60 ? 1f : 0f).ToArray());
        var stripedPerson = Paint(80, 100, (x, y) => x is >= 20 and < 60 && y % 2 == 0 ? ((byte)255, (byte)255, (byte)255) : ((byte)0, (byte)0, (byte)0));
        var stripedRoom = Paint(80, 100, (x, y) => x is < 20 or >= 60 && y % 2 == 0 ? ((byte)255, (byte)255, (byte)255) : ((byte)0, (byte)0, (byte)0));

        var quiet = PhotoFeatures.Measure(stripedPerson, null, 1, mask).BackgroundBusy;
        var busy = PhotoFeatures.Measure(stripedRoom, null, 1, mask).BackgroundBusy;

        Assert.True(quiet < PhotoCharacter.BusyFrom, $"plain surroundings measured {quiet:F3}");
        Assert.True(busy > PhotoCharacter.BusyFrom, $"striped surroundings measured {busy:F3}");
    }

    [Theory]
    [InlineData(37, 23, 1)] // rows that are no whole number of vector steps
    [InlineData(160, 200, 2)]
    public void Features_are_their_definitions_computed_pixel_by_pixel(int width, int height, int seed)
    {
        var image = NoiseImages.Of(width, height, seed);
        var random = new Random(seed);
        var mask = new PersonMask(width, height, Enumerable.Range(0, width * height).Select(_ => random.NextSingle()).ToArray());
        var face = new FaceBox(width * 0.2f + 0.3f, height * 0.25f + 0.6f, width * 0.7f + 0.2f, height * 0.8f + 0.1f, 1f);

        var measured = PhotoFeatures.Measure(image, face, 1, mask);

        // The definitions in doubles, one pixel after another.
        var p = image.Pixels;
        double sumRg = 0, sumYb = 0, sumRg2 = 0, sumYb2 = 0, sumL = 0, busy = 0;
        var (lit, outside) = (0, 0);
        double Luma(int i) => 0.2126 * p[i * 4] + 0.7152 * p[i * 4 + 1] + 0.0722 * p[i * 4 + 2];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                double r = p[i * 4], g = p[i * 4 + 1], b = p[i * 4 + 2];
                var (rg, yb) = (r - g, 0.5 * (r + g) - b);
                (sumRg, sumYb, sumRg2, sumYb2) = (sumRg + rg, sumYb + yb, sumRg2 + rg * rg, sumYb2 + yb * yb);
                if (!(x >= face.X1 && x < face.X2 && y >= face.Y1 && y < face.Y2))
                {
                    sumL += Luma(i) / 255;
                    lit++;
                }
                if (x < width - 1 && y < height - 1 && mask.Alpha[i] <= 0.2f)
                {
                    busy += Math.Abs(Luma(i + 1) - Luma(i)) + Math.Abs(Luma(i + width) - Luma(i));
                    outside++;
                }
            }
        var n = width * height;
        var (meanRg, meanYb) = (sumRg / n, sumYb / n);
        var colourfulness = Math.Sqrt(sumRg2 / n - meanRg * meanRg + sumYb2 / n - meanYb * meanYb) + 0.3 * Math.Sqrt(meanRg * meanRg + meanYb * meanYb);

        Assert.Equal(colourfulness, measured.Colourfulness, 9);
        Assert.Equal(sumL / lit, measured.Key, 9);
        Assert.Equal(busy / outside / 255, measured.BackgroundBusy, 9);
    }
}
