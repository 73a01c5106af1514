using RenderFarm.TestSupport;
using RenderFarm.Worker.Pipeline;
using RenderFarm.Worker.Tests.Imaging;
using SkiaSharp;

namespace RenderFarm.Worker.Tests.Pipeline;

/// <summary>
/// libjpeg-turbo decodes the JPEGs it may take as Skia does, and leaves the others to Skia: other colour profiles,
/// and files it warns about (truncated ones fail through Skia, SourceDecoderTests.WithLibjpegTurbo).
/// </summary>
public sealed class SourceDecoderTurboJpegTests
{
    readonly SourceDecoder skia = new();
    readonly SourceDecoder turbo = new() { TurboJpeg = SystemTurboJpeg.Library };

    public static TheoryData<string, byte[]> Jpegs => new()
    {
        { "camera photo with EXIF", File.ReadAllBytes(SharedData.Exif("DSCN0010.jpg")) },
        { "EXIF orientation 6", File.ReadAllBytes(SharedData.Exif("Portrait_6.jpg")) },
        { "EXIF orientation 8", File.ReadAllBytes(SharedData.Exif("Landscape_8.jpg")) },
        { "greyscale", File.ReadAllBytes(SharedData.Edge("hopper_gray.jpg")) },
        { "phone photo decoded at 1/2", TestPhotos.CameraSizedJpeg("kodim18.png", 3024, 4032) },
        { "odd size decoded at 1/2", TestPhotos.CameraSizedJpeg("kodim04.png", 2601, 3469) },
    };

    [Theory]
    [MemberData(nameof(Jpegs))]
    public void Decodes_an_srgb_jpeg_as_skia_does(string what, byte[] jpeg)
    {
        var (ours, theirs) = (turbo.Decode(jpeg), skia.Decode(jpeg));

        Assert.Equal((theirs.Width, theirs.Height), (ours.Width, ours.Height));
        var (largest, mean) = PixelDifference.Of(ours, theirs);
        Assert.True(mean < 0.5 && largest <= 8, $"{what}: {mean:F3} levels from Skia's decode on average, {largest} at most");
        Assert.All(Enumerable.Range(0, ours.Width * ours.Height), i => Assert.Equal(255, ours.Pixels[i * 4 + 3]));
    }

    [Theory]
    [InlineData(0xD3)] // a restart marker where the file has none: libjpeg warns and resynchronises
    [InlineData(0xC4)] // a table marker inside the picture data: libjpeg warns of a premature end
    public void A_photo_libjpeg_turbo_warns_about_is_left_to_skia_whose_verdict_stands(byte marker)
    {
        var jpeg = TestPhotos.CameraSizedJpeg("kodim18.png", 1800, 1200);
        (jpeg[jpeg.Length / 2], jpeg[jpeg.Length / 2 + 1]) = (0xFF, marker);

        var decodedCleanly = SystemTurboJpeg.Library.TryDecompressRgba(jpeg, 1800, 1200, new byte[1800 * 1200 * 4]);

        Assert.False(decodedCleanly);
        Assert.Equal(Outcome(skia, jpeg), Outcome(turbo, jpeg));
    }

    /// <summary>The decoded pixels' hash, or the error code.</summary>
    static string Outcome(SourceDecoder decoder, byte[] jpeg)
    {
        try
        {
            return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(decoder.Decode(jpeg).Pixels));
        }
        catch (PortraitJobException ex)
        {
            return ex.Code;
        }
    }

    [Fact]
    public void A_display_p3_photo_is_left_to_skia_which_converts_it_to_srgb()
    {
        var jpeg = DisplayP3Orange();

        var (ours, theirs) = (turbo.Decode(jpeg), skia.Decode(jpeg));

        Assert.Equal(theirs.Pixels, ours.Pixels);
        // The same numbers mean a more saturated orange in P3 than in sRGB: read as sRGB, the stored values would
        // come out unchanged (give or take JPEG's rounding).
        var (r, g, b) = (ours.Pixels[0], ours.Pixels[1], ours.Pixels[2]);
        Assert.True(r > 240 && g < 115 && b < 20, $"P3 (230, 120, 40) came out as ({r}, {g}, {b}), not converted to sRGB");
    }

    /// <summary>A flat orange stored as (230, 120, 40) in Display P3, saved as a JPEG with its ICC profile.</summary>
    static byte[] DisplayP3Orange()
    {
        using var p3 = SKColorSpace.CreateRgb(SKColorSpaceTransferFn.Srgb, SKColorSpaceXyz.DisplayP3);
        var info = new SKImageInfo(64, 64, SKColorType.Rgba8888, SKAlphaType.Opaque, p3);
        using var bitmap = new SKBitmap(info);
        var pixels = new byte[64 * 64 * 4];
        for (var i = 0; i < pixels.Length; i += 4) (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = (230, 120, 40, 255);
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        return data.ToArray();
    }
}
