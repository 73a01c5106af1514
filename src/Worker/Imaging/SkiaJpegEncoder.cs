using SkiaSharp;

namespace RenderFarm.Worker.Imaging;

/// <summary>
/// JPEG through Skia. Skia builds its libjpeg-turbo without the SIMD code: a 512×640 painting takes ~5 ms, where the
/// system's libjpeg-turbo takes ~1 (<see cref="TurboJpegEncoder"/>). Kept for workers without that library.
/// </summary>
public sealed class SkiaJpegEncoder : IJpegEncoder
{
    public string Name => "Skia";

    public unsafe byte[] Encode(RgbaImage image, int quality)
    {
        fixed (byte* pixels = image.Pixels)
        {
            // No colour space on the pixmap: the encoder then writes no ICC profile, and it never writes EXIF/XMP.
            var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
            using var pixmap = new SKPixmap(info, (nint)pixels, info.RowBytes);
            using var data = pixmap.Encode(SKEncodedImageFormat.Jpeg, quality)
                ?? throw new InvalidOperationException("The JPEG encoder returned nothing.");
            return data.ToArray();
        }
    }
}
