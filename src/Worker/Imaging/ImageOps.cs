using SkiaSharp;

namespace RenderFarm.Worker.Imaging;

/// <summary>Small SkiaSharp helpers shared by the stages.</summary>
public static class ImageOps
{
    public static unsafe RgbaImage CropAndScale(RgbaImage source, SKRectI crop, int width, int height)
    {
        var result = RgbaImage.Allocate(width, height);
        fixed (byte* src = source.Pixels)
        fixed (byte* dst = result.Pixels)
        {
            // Opaque, as every RgbaImage is (the decoder sets alpha to 255): Skia then skips premultiplying and
            // unpremultiplying every pixel around the scaling, half the framing's time.
            var srcInfo = new SKImageInfo(source.Width, source.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
            var dstInfo = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
            using var srcImage = SKImage.FromPixels(new SKPixmap(srcInfo, (nint)src, srcInfo.RowBytes));
            using var surface = SKSurface.Create(dstInfo, (nint)dst, dstInfo.RowBytes);
            // Shrinking a lot needs mipmaps to avoid aliasing; otherwise bilinear is enough, since the painter repaints
            // every pixel anyway (a cubic filter cost ~3x the time for no visible gain in the painting).
            var shrink = Math.Min((double)crop.Width / width, (double)crop.Height / height);
            var sampling = shrink > 2
                ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
                : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None);
            surface.Canvas.Clear(SKColors.Black);
            surface.Canvas.DrawImage(srcImage, SKRect.Create(crop.Left, crop.Top, crop.Width, crop.Height),
                SKRect.Create(0, 0, width, height), sampling);
            surface.Canvas.Flush();
        }
        return result;
    }

    /// <summary>
    /// JPEG through Skia's libjpeg-turbo: a 512×640 painting in ~5 ms, where Skia's WebP encoder (its effort fixed
    /// inside Skia) took ~32 ms for about the same bytes (docs/PERFORMANCE.md).
    /// </summary>
    public static unsafe byte[] EncodeJpeg(RgbaImage image, int quality)
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
