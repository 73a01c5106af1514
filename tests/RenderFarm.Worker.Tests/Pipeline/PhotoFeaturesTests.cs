using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;

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
}
