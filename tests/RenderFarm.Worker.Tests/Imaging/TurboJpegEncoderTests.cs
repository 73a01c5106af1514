using Microsoft.Extensions.Options;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;
using SkiaSharp;

namespace RenderFarm.Worker.Tests.Imaging;

/// <summary>The system's libjpeg-turbo (installed by the farm's setup) against Skia's encoder, on framed real photos.</summary>
public sealed class TurboJpegEncoderTests
{
    readonly TurboJpegEncoder turbo = new(SystemTurboJpeg.Library);
    readonly SkiaJpegEncoder skia = new();

    static RgbaImage Framed(string face) =>
        new PortraitFramer(Options.Create(new CanvasOptions())).Frame(new SourceDecoder().Decode(File.ReadAllBytes(SharedData.Face(face)))).Image;

    [Theory]
    [InlineData("astronaut.png")]
    [InlineData("kodim18.png")]
    [InlineData("camera.png")]
    public void Is_as_faithful_as_skia_at_the_same_quality_and_about_its_bytes(string face)
    {
        var image = Framed(face);

        var (ours, theirs) = (turbo.Encode(image, 85), skia.Encode(image, 85));

        // Same quantization tables and 4:2:0; Skia also optimizes its Huffman tables (~1.5% fewer bytes) and rounds
        // its colour conversion a little differently (measured: 1% less error, 0.5-1 level apart on average).
        var (ourError, theirError) = (PixelDifference.Of(Decode(ours), image).Mean, PixelDifference.Of(Decode(theirs), image).Mean);
        Assert.True(ourError <= theirError * 1.03, $"{ourError:F3} levels from the photo on average, Skia's {theirError:F3}");
        Assert.InRange(ours.Length, theirs.Length * 0.95, theirs.Length * 1.05);
    }

    [Fact]
    public void Keeps_each_channel_in_its_place()
    {
        var image = Framed("astronaut.png");

        var decoded = Decode(turbo.Encode(image, 95));

        // A red/blue swap or an alpha read as colour would be tens of levels off on the astronaut's flag and suit.
        var (largest, mean) = PixelDifference.Of(decoded, image);
        Assert.True(mean < 2.0, $"decoded pixels are {mean:F2} levels from the source on average ({largest} at most)");
    }

    [Fact]
    public void Writes_only_a_jfif_header()
    {
        var container = JpegContainer.Parse(turbo.Encode(Framed("kodim18.png"), 85));

        Assert.Empty(container.MetadataFound());
    }

    [Fact]
    public void Lower_quality_gives_fewer_bytes()
    {
        var image = Framed("kodim18.png");

        Assert.True(turbo.Encode(image, 50).Length < turbo.Encode(image, 90).Length * 0.7);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(511, 641)]
    public void Sizes_that_are_not_whole_blocks_decode_to_their_size(int width, int height)
    {
        var image = RgbaImage.Allocate(width, height);
        Random.Shared.NextBytes(image.Pixels);

        using var decoded = SKBitmap.Decode(turbo.Encode(image, 85));

        Assert.Equal((width, height), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Pixels_that_do_not_fill_the_size_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => SystemTurboJpeg.Library.CompressRgba(new byte[100], 10, 10, 85));

        Assert.Contains("10×10", error.Message);
    }

    static RgbaImage Decode(byte[] jpeg)
    {
        using var bitmap = SKBitmap.Decode(jpeg);
        using var rgba = bitmap.Copy(SKColorType.Rgba8888);
        return new RgbaImage(rgba.Width, rgba.Height, rgba.Bytes);
    }
}
