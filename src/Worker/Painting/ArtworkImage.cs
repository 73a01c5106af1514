using RenderFarm.Worker.Imaging;
using SkiaSharp;

namespace RenderFarm.Worker.Painting;

/// <summary>An artwork file decoded and resized (bicubic) to the short side the stylizer's encoder was checked with.</summary>
public static class ArtworkImage
{
    public static RgbaImage Load(string path, int shortSide)
    {
        using var codec = SKCodec.Create(path) ?? throw new InvalidDataException($"Artwork {Path.GetFileName(path)} cannot be decoded.");
        using var original = SKBitmap.Decode(codec) ?? throw new InvalidDataException($"Artwork {Path.GetFileName(path)} cannot be decoded.");
        var scale = (double)shortSide / Math.Min(original.Width, original.Height);
        var (width, height) = (Math.Max(4, (int)Math.Round(original.Width * scale)), Math.Max(4, (int)Math.Round(original.Height * scale)));
        var image = RgbaImage.Allocate(width, height);
        unsafe
        {
            fixed (byte* pixels = image.Pixels)
            {
                var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
                using var surface = SKSurface.Create(info, (nint)pixels, info.RowBytes);
                using var source = SKImage.FromBitmap(original);
                // A transparent PNG (one etching is RGBA) is read as ink on white paper.
                surface.Canvas.Clear(SKColors.White);
                surface.Canvas.DrawImage(source, SKRect.Create(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.CatmullRom));
                surface.Canvas.Flush();
            }
        }
        for (var i = 3; i < image.Pixels.Length; i += 4) image.Pixels[i] = 255;
        return image;
    }
}
