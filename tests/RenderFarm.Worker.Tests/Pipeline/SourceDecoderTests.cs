using RenderFarm.Contracts;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;
using RenderFarm.Worker.Tests.Imaging;

namespace RenderFarm.Worker.Tests.Pipeline;

/// <summary>What a decoder promises, with Skia alone and with the system's libjpeg-turbo for sRGB JPEGs.</summary>
public abstract class SourceDecoderTests
{
    readonly SourceDecoder decoder;

    protected SourceDecoderTests() => decoder = Decoder();

    /// <summary>libjpeg-turbo, or null for Skia alone.</summary>
    protected abstract TurboJpegLibrary? TurboJpeg { get; }

    SourceDecoder Decoder() => new() { TurboJpeg = TurboJpeg };

    SourceDecoder FullSizeDecoder() => new() { MinShortSide = 0, TurboJpeg = TurboJpeg };

    public sealed class WithSkia : SourceDecoderTests
    {
        protected override TurboJpegLibrary? TurboJpeg => null;
    }

    public sealed class WithLibjpegTurbo : SourceDecoderTests
    {
        protected override TurboJpegLibrary? TurboJpeg => SystemTurboJpeg.Library;
    }

    [Theory]
    [InlineData("Portrait_6.jpg", 1200, 1800)]   // stored 1800x1200, EXIF 6: rotate 90° clockwise
    [InlineData("Landscape_8.jpg", 1800, 1200)]  // stored 1200x1800, EXIF 8: rotate 270° clockwise
    public async Task Applies_exif_orientation_to_the_dimensions(string file, int width, int height)
    {
        var image = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Exif(file)));

        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Fact]
    public async Task Sideways_stored_face_comes_out_upright()
    {
        // hopper_orientation_6.jpg holds hopper.jpg's pixels turned on their side, with EXIF orientation 6.
        var upright = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg")));
        var oriented = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Exif("hopper_orientation_6.jpg")));

        var straight = PixelDifference.Of(upright, oriented).Mean;
        Assert.True(straight < 12, $"oriented image differs from the upright one by {straight:F1} per channel");
    }

    [Fact]
    public void A_phones_sideways_portrait_shot_comes_out_upright_at_its_scaled_size()
    {
        // Stored 3840×2880 with EXIF orientation 6, as phones store portrait shots; decoded at 1/2 and turned.
        var upright = decoder.Decode(TestPhotos.CameraSizedJpeg("kodim04.png", 2880, 3840));
        var shot = decoder.Decode(TestPhotos.PortraitShotJpeg("kodim04.png", 2880, 3840));

        Assert.Equal((1440, 1920), (shot.Width, shot.Height));
        var difference = PixelDifference.Of(upright, shot).Mean;
        Assert.True(difference < 2, $"the turned shot differs from the upright photo by {difference:F2} per channel");
    }

    [Fact]
    public async Task Turned_photos_decoded_one_after_another_keep_nothing_of_each_other()
    {
        // Turned photos are decoded into a pooled buffer: the second must not show through the third.
        var portrait = await File.ReadAllBytesAsync(SharedData.Exif("Portrait_6.jpg"));
        var first = decoder.Decode(portrait);
        _ = decoder.Decode(TestPhotos.PortraitShotJpeg("kodim18.png", 1200, 1800));
        var again = decoder.Decode(portrait);

        Assert.Equal(first.Pixels, again.Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_recycled_photos_pixels_hold_the_next_photo_and_nothing_of_the_last(bool turned)
    {
        byte[] Photo(string face) => turned ? TestPhotos.PortraitShotJpeg(face, 1200, 1800) : TestPhotos.CameraSizedJpeg(face, 1200, 1800);
        var (last, next) = (Photo("kodim04.png"), Photo("kodim18.png"));
        var lastPhoto = decoder.Decode(last);
        var lastPixels = lastPhoto.Pixels;

        decoder.Recycle(lastPhoto);
        var nextPhoto = decoder.Decode(next);

        Assert.Same(lastPixels, nextPhoto.Pixels);
        Assert.Equal(Decoder().Decode(next).Pixels, nextPhoto.Pixels);
    }

    [Fact]
    public async Task Cmyk_jpeg_decodes_to_red_on_black_not_cyan_on_pink()
    {
        var image = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Edge("pil_sample_cmyk.jpg")));

        int red = 0, dark = 0, cyanOrPink = 0;
        for (var i = 0; i < image.Pixels.Length; i += 4)
        {
            var (r, g, b) = (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]);
            if (r > 150 && g < 90 && b < 90) red++;
            if (r < 60 && g < 60 && b < 60) dark++;
            if ((g > 150 && b > 150 && r < 120) || (r > 200 && g > 150 && b > 150)) cyanOrPink++;
        }
        var total = image.Width * image.Height;
        Assert.True(red > total / 50, $"only {red} red pixels");
        Assert.True(dark > total / 2, $"only {dark} dark pixels of {total}");
        Assert.True(cyanOrPink < total / 100, $"{cyanOrPink} cyan or pink pixels: the Adobe CMYK inversion was ignored");
    }

    [Theory]
    [InlineData("basn2c16.png")]   // 16 bits per channel
    [InlineData("basi0g08.png")]   // interlaced greyscale
    [InlineData("hopper_gray.jpg")]
    [InlineData("hopper.webp")]
    [InlineData("iss634.gif")]     // animated: the first frame
    public async Task Decodes_supported_edge_images(string file)
    {
        var image = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Edge(file)));

        Assert.True(image.Width >= 32 && image.Height >= 32);
        Assert.Contains(image.Pixels.Where((_, i) => i % 4 != 3), v => v > 0);
    }

    [Fact]
    public async Task Truncated_photo_fails_with_decode_failed()
    {
        var bytes = await File.ReadAllBytesAsync(SharedData.Edge("truncated-DSCN0012.jpg"));

        var error = Assert.Throws<PortraitJobException>(() => decoder.Decode(bytes));
        Assert.Equal(ErrorCodes.DecodeFailed, error.Code);
    }

    [Fact]
    public void Text_file_fails_with_decode_failed()
    {
        var error = Assert.Throws<PortraitJobException>(() => decoder.Decode("not a photo at all"u8.ToArray()));
        Assert.Equal(ErrorCodes.DecodeFailed, error.Code);
    }

    [Fact]
    public void Large_jpeg_is_decoded_smaller_but_never_below_the_short_side_framing_needs()
    {
        var phone = TestPhotos.CameraSizedJpeg("astronaut.png", 4032, 3024); // a 12-megapixel phone photo

        var scaled = decoder.Decode(phone);
        var full = FullSizeDecoder().Decode(phone);

        Assert.Equal((2016, 1512), (scaled.Width, scaled.Height)); // 1/2: 1/4 would leave a 756-pixel short side
        Assert.Equal((4032, 3024), (full.Width, full.Height));
    }

    [Fact]
    public void Small_photos_are_decoded_at_full_size()
    {
        var photo = TestPhotos.CameraSizedJpeg("astronaut.png", 1800, 1200);

        var image = decoder.Decode(photo);

        Assert.Equal((1800, 1200), (image.Width, image.Height));
    }

    [Fact]
    public void Framing_a_scaled_decode_gives_the_same_portrait()
    {
        var phone = TestPhotos.CameraSizedJpeg("kodim04.png", 3024, 4032); // decoded at 1512×2016
        var detector = Faces.Detector.Create();
        var framer = new PortraitFramer(Microsoft.Extensions.Options.Options.Create(new CanvasOptions()));
        FramedPortrait FrameWith(SourceDecoder d)
        {
            var photo = d.Decode(phone);
            return framer.Frame(photo, detector.Detect(photo));
        }

        var fromScaled = FrameWith(decoder);
        var fromFull = FrameWith(FullSizeDecoder());

        // The same face, in the same place on the canvas.
        Assert.NotNull(fromFull.Face);
        Assert.NotNull(fromScaled.Face);
        Assert.InRange(fromScaled.Face.X1 - fromFull.Face.X1, -4, 4);
        Assert.InRange(fromScaled.Face.Y2 - fromFull.Face.Y2, -4, 4);
        var difference = PixelDifference.Of(fromFull.Image, fromScaled.Image).Mean;
        Assert.Equal(1512, decoder.Decode(phone).Width); // the scaled path really was taken
        Assert.True(difference < 3, $"the portrait framed from the scaled decode differs by {difference:F2} per channel");
    }
}
