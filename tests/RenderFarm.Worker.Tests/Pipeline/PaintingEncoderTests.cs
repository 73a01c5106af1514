using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Pipeline;
using RenderFarm.Worker.Scheduling;
using SkiaSharp;

namespace RenderFarm.Worker.Tests.Pipeline;

public sealed class PaintingEncoderTests : IDisposable
{
    readonly StageThreads stageThreads = new(Options.Create(new StageThreadOptions()), NullLogger<StageThreads>.Instance);
    readonly PortraitFramer framer = new(Options.Create(new CanvasOptions()));
    readonly SourceDecoder decoder = new();

    PaintingEncoder EncoderOf(string codec) =>
        new(Options.Create(new OutputOptions()), JpegCodecs.Choose(new JpegOptions { Codec = codec }, NullLogger.Instance).Encoder, stageThreads);

    public void Dispose() => stageThreads.Dispose();

    [Theory]
    [InlineData("DSCN0010.jpg", "libjpeg-turbo")]
    [InlineData("DSCN0021.jpg", "libjpeg-turbo")]
    [InlineData("DSCN0025.jpg", "libjpeg-turbo")]
    [InlineData("DSCN0010.jpg", "skia")]
    public async Task Painting_and_thumbnail_from_a_gps_photo_carry_no_metadata(string file, string jpegEncoder)
    {
        var photo = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Exif(file)));

        var encoded = await EncoderOf(jpegEncoder).EncodeAsync(framer.Frame(photo).Image);

        foreach (var bytes in new[] { encoded.Image, encoded.Thumbnail })
        {
            var container = JpegContainer.Parse(bytes);
            Assert.Empty(container.MetadataFound());
            Assert.Equal(-1, bytes.AsSpan().IndexOf("NIKON"u8)); // the camera maker string must not survive anywhere
        }
    }

    [Theory]
    [InlineData("libjpeg-turbo")]
    [InlineData("skia")]
    public async Task Thumbnail_keeps_the_canvas_shape(string jpegEncoder)
    {
        var photo = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Face("astronaut.png")));

        var encoded = await EncoderOf(jpegEncoder).EncodeAsync(framer.Frame(photo).Image);

        using var painting = SKBitmap.Decode(encoded.Image);
        using var thumbnail = SKBitmap.Decode(encoded.Thumbnail);
        Assert.Equal((512, 640), (painting.Width, painting.Height));
        Assert.Equal((256, 320), (thumbnail.Width, thumbnail.Height));
    }
}
