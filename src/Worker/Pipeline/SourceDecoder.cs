using RenderFarm.Contracts;
using RenderFarm.Worker.Painting;
using SkiaSharp;

namespace RenderFarm.Worker.Pipeline;

/// <summary>Decodes a photo to sRGB RGBA with its EXIF orientation applied (first frame of an animation).</summary>
public sealed class SourceDecoder
{
    /// <summary>Refuses to allocate more than this many pixels, whatever the Gateway let through.</summary>
    public long MaxPixels { get; init; } = 60_000_000;

    public RgbaImage Decode(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var codec = SKCodec.Create(stream, out var createResult)
            ?? throw new PortraitJobException(ErrorCodes.DecodeFailed, $"The photo cannot be decoded ({createResult}).");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > MaxPixels)
            throw new PortraitJobException(ErrorCodes.DecodeFailed, $"The photo has too many pixels ({width}×{height}).");

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul, SKColorSpace.CreateSrgb());
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
            throw new PortraitJobException(ErrorCodes.DecodeFailed, $"The photo cannot be decoded ({result}).");

        using var upright = Orient(decoded, codec.EncodedOrigin);
        return ToRgba(upright);
    }

    /// <summary>Draws the stored pixels so that the image shows the way the camera's EXIF orientation says.</summary>
    static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
            return source.Copy();
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (source.Height, source.Width) : (source.Width, source.Height);
        var oriented = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul, source.ColorSpace));
        using var canvas = new SKCanvas(oriented);
        canvas.SetMatrix(OrientationMatrix(origin, source.Width, source.Height));
        canvas.DrawBitmap(source, 0, 0);
        return oriented;
    }

    // Maps stored coordinates to display coordinates for each EXIF orientation (1..8).
    static SKMatrix OrientationMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    internal static RgbaImage ToRgba(SKBitmap bitmap)
    {
        var image = RgbaImage.Allocate(bitmap.Width, bitmap.Height);
        var info = new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        unsafe
        {
            fixed (byte* target = image.Pixels)
                if (!bitmap.PeekPixels().ReadPixels(info, (nint)target, info.RowBytes, 0, 0))
                    throw new PortraitJobException(ErrorCodes.DecodeFailed, "The decoded photo could not be converted to RGBA.");
        }
        for (var i = 3; i < image.Pixels.Length; i += 4) image.Pixels[i] = 255;
        return image;
    }
}
