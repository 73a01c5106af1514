using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.PortraitQuality;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Scheduling;
using RenderFarm.Worker.Tone;

namespace RenderFarm.Worker.Tests.Tone;

public class ToneKeeperTests
{
    static readonly FaceBox Face = new(48, 40, 112, 120, 1f);

    /// <summary>A "photo": warm skin in the face box, blue clothes below, a grey wall around.</summary>
    static RgbaImage Photo(byte skinR = 224, byte skinG = 172, byte skinB = 140) => Paint((x, y) =>
        x >= 40 && x < 120 && y >= 30 && y < 130 ? (skinR, skinG, skinB)
        : y >= 130 ? ((byte)40, (byte)60, (byte)150)
        : ((byte)128, (byte)128, (byte)128));

    static RgbaImage Paint(Func<int, int, (byte R, byte G, byte B)> colour)
    {
        var image = RgbaImage.Allocate(160, 200);
        for (var y = 0; y < 200; y++)
            for (var x = 0; x < 160; x++)
            {
                var (r, g, b) = colour(x, y);
                var i = (y * 160 + x) * 4;
                (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2], image.Pixels[i + 3]) = (r, g, b, 255);
            }
        return image;
    }

    /// <summary>What style transfer does to a face: the artwork's dark, cold palette plus its fine hatching.</summary>
    static RgbaImage DarkColdPainting(RgbaImage photo, int hatching) => Paint((x, y) =>
    {
        var i = (y * 160 + x) * 4;
        var stroke = (x + y) % 6 < 3 ? hatching : -hatching;
        return (Byte(photo.Pixels[i] * 0.35 + stroke), Byte(photo.Pixels[i + 1] * 0.4 + stroke), Byte(photo.Pixels[i + 2] * 0.6 + 30 + stroke));
    });

    static byte Byte(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);

    [Theory]
    [InlineData(224, 172, 140)] // light skin
    [InlineData(141, 96, 72)]   // medium-dark skin
    [InlineData(78, 52, 40)]    // dark skin
    public void A_dark_painting_gets_the_photo_skin_lightness_back(byte r, byte g, byte b)
    {
        var photo = Photo(r, g, b);
        var painting = DarkColdPainting(photo, hatching: 12);
        Assert.True(Math.Abs(PortraitMeasures.FaceLightness(painting, Face) - PortraitMeasures.FaceLightness(photo, Face)) > 10, "the test painting should be off");

        var kept = ToneKeeper.Keep(painting, photo, MediumTone.Oil, Face);

        Assert.InRange(PortraitMeasures.FaceLightness(kept, Face) - PortraitMeasures.FaceLightness(photo, Face), -2, 2);
    }

    [Fact]
    public void The_painting_keeps_its_own_texture()
    {
        var photo = Photo();
        var painting = DarkColdPainting(photo, hatching: 12);

        var kept = ToneKeeper.Keep(painting, photo, MediumTone.Oil, Face);

        // Outside the face the hatching is the painting's alone: neighbouring pixels across a stroke still differ.
        var (a, b) = (Lightness(kept, 10, 150), Lightness(kept, 13, 150));
        Assert.True(Math.Abs(a - b) > 4, $"hatching flattened: {a:F1} vs {b:F1}");
    }

    [Fact]
    public void Skin_keeps_the_photo_hue_and_clothes_take_the_artwork_palette()
    {
        var photo = Photo();
        var painting = DarkColdPainting(photo, hatching: 0);

        var kept = ToneKeeper.Keep(painting, photo, MediumTone.Oil, Face);

        var (skinPhoto, skinKept) = (Hue(photo, 80, 80), Hue(kept, 80, 80));
        Assert.InRange(AngleBetween(skinPhoto, skinKept), 0, 12);
        // The clothes keep most of the painting's colour (the photo's share there is MediumTone.Oil.ColourKeep).
        var (clothesPhoto, clothesPainting, clothesKept) = (Hue(photo, 80, 180), Hue(painting, 80, 180), Hue(kept, 80, 180));
        Assert.True(AngleBetween(clothesKept, clothesPainting) < AngleBetween(clothesKept, clothesPhoto) + 1,
            $"clothes hue {clothesKept:F0}° should stay nearer the painting's {clothesPainting:F0}° than the photo's {clothesPhoto:F0}°");
    }

    [Fact]
    public void Ink_keeps_the_colour_of_its_ink_and_paper()
    {
        var photo = Photo();
        var sepia = Paint((x, y) => { var i = (y * 160 + x) * 4; var v = photo.Pixels[i + 1] * 0.5; return (Byte(v + 40), Byte(v + 25), Byte(v)); });

        var kept = ToneKeeper.Keep(sepia, photo, MediumTone.Ink, Face);

        Assert.InRange(AngleBetween(Hue(kept, 80, 80), Hue(sepia, 80, 80)), 0, 3);
    }

    static double Lightness(RgbaImage image, int x, int y) => CieLab.LightnessOf(image.Pixels[((y * image.Width + x) * 4)..((y * image.Width + x) * 4 + 4)], 1)[0];

    static double Hue(RgbaImage image, int x, int y)
    {
        var i = (y * image.Width + x) * 4;
        var (_, a, b) = CieLab.Of(image.Pixels[i..(i + 4)], 1);
        return Math.Atan2(b[0], a[0]) * 180 / Math.PI;
    }

    static double AngleBetween(double a, double b) => Math.Abs((a - b + 540) % 360 - 180);

    [Fact]
    public async Task Sharing_the_step_among_stage_threads_paints_the_same_pixels_as_one_thread()
    {
        var photo = Photo(141, 96, 72);
        var painting = DarkColdPainting(photo, hatching: 12);
        var probability = new float[160 * 200];
        for (var y = 0; y < 200; y++)
            for (var x = 0; x < 160; x++)
                probability[y * 160 + x] = x >= 30 && x < 130 && y >= 20 ? 1f : 0f;
        var figure = new PersonMask(160, 200, probability);
        using var stageThreads = new StageThreads(Options.Create(new StageThreadOptions { StageThreads = 4, StageNice = 0 }), NullLogger<StageThreads>.Instance);

        var alone = ToneKeeper.Keep(painting, photo, MediumTone.Oil, Face, figure);
        var shared = await stageThreads.RunAsync(() => ToneKeeper.Keep(painting, photo, MediumTone.Oil, Face, figure, stageThreads));

        Assert.Equal(alone.Pixels, shared.Pixels);
    }

    /// <summary>
    /// The studio makes the photo's side while the painter paints and keeps the painting's side for after: the prepared
    /// side is only read, so it tones any number of paintings as the whole step does for each.
    /// </summary>
    [Fact]
    public void A_prepared_photo_tones_each_painting_as_the_whole_step_does()
    {
        var photo = Photo(141, 96, 72);
        var figure = new PersonMask(160, 200, Enumerable.Range(0, 160 * 200).Select(i => i % 160 is >= 30 and < 130 && i / 160 >= 20 ? 1f : 0f).ToArray());
        var (hatched, smooth) = (DarkColdPainting(photo, hatching: 12), DarkColdPainting(photo, hatching: 0));

        using var prepared = ToneKeeper.Prepare(photo, MediumTone.Oil, Face, figure);
        var (first, second) = (ToneKeeper.Keep(hatched, prepared), ToneKeeper.Keep(smooth, prepared));

        Assert.Equal(ToneKeeper.Keep(hatched, photo, MediumTone.Oil, Face, figure).Pixels, first.Pixels);
        Assert.Equal(ToneKeeper.Keep(smooth, photo, MediumTone.Oil, Face, figure).Pixels, second.Pixels);
        Assert.NotEqual(first.Pixels, second.Pixels);
    }

    [Fact]
    public void A_painting_of_another_size_than_the_prepared_photo_is_refused()
    {
        using var prepared = ToneKeeper.Prepare(Photo(), MediumTone.Oil, Face);

        Assert.Throws<ArgumentException>(() => ToneKeeper.Keep(RgbaImage.Allocate(200, 160), prepared));
    }
}
