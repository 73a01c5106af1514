using SkiaSharp;

namespace RenderFarm.Worker.Imaging;

/// <summary>Small SkiaSharp helpers shared by the stages.</summary>
public static class ImageOps
{
    /// <summary>
    /// The crop scaled to width × height, bilinear (black where a crop reaches outside the source). A crop inside the
    /// source and more than twice the target's size is first halved (2×2 box means, <see cref="HalfScale"/>) until it
    /// is no more: a mipmap level, without Skia's trilinear sampling, which is its slow path here (a 12-megapixel phone
    /// photo's crop onto the canvas: 36 ms); then <see cref="BilinearImage"/> takes it the rest of the way.
    /// </summary>
    public static RgbaImage CropAndScale(RgbaImage source, SKRectI crop, int width, int height)
    {
        var inside = crop.Left >= 0 && crop.Top >= 0 && crop.Right <= source.Width && crop.Bottom <= source.Height;
        var original = source;
        while (inside && Math.Min((double)crop.Width / width, (double)crop.Height / height) > 2)
        {
            source = Replace(source, HalfScale.Of(source, crop.Left, crop.Top, crop.Width, crop.Height), original);
            crop = SKRectI.Create(0, 0, source.Width, source.Height);
        }
        var shrink = Math.Min((double)crop.Width / width, (double)crop.Height / height);
        // Exactly half (the thumbnail of a painting): bilinear sampling there is the 2×2 box mean. Inside the source
        // otherwise: bilinear on vector lanes. Skia only for a crop reaching outside the source (black there).
        return Replace(source, inside && crop.Width == 2 * width && crop.Height == 2 * height
            ? HalfScale.Of(source, crop.Left, crop.Top, crop.Width, crop.Height)
            : inside
                ? BilinearImage.Of(source, crop.Left, crop.Top, crop.Width, crop.Height, width, height)
                : Draw(source, crop, width, height, new SKSamplingOptions(SKFilterMode.Linear, shrink > 2 ? SKMipmapMode.Linear : SKMipmapMode.None)), original);
    }

    // A halved step's pixels (3 MB for a phone photo's first) go back once the next step is made from them; the caller's image stays.
    static RgbaImage Replace(RgbaImage step, RgbaImage next, RgbaImage original)
    {
        if (!ReferenceEquals(step, original)) PhotoBuffers.Canvases.Return(step.Pixels);
        return next;
    }

    // Skia is told the pixels are BGRA: sampling treats each channel alike, so red and blue trade names and places and
    // come back where they were, and BGRA is Skia's native order on x86, where its fast 16-bit pipeline runs (a face's
    // crop onto the canvas: 5.1 ms as RGBA, 1.5 as BGRA; the two differ by 0.6-0.75 levels on average, at most ~19 at
    // sharp edges).
    static unsafe RgbaImage Draw(RgbaImage source, SKRectI crop, int width, int height, SKSamplingOptions sampling)
    {
        var result = RgbaImage.Rent(width, height); // every pixel cleared or drawn below
        fixed (byte* src = source.Pixels)
        fixed (byte* dst = result.Pixels)
        {
            // Opaque, as every RgbaImage is (the decoder sets alpha to 255): Skia then skips premultiplying and
            // unpremultiplying every pixel around the scaling, half the framing's time.
            var srcInfo = new SKImageInfo(source.Width, source.Height, SKColorType.Bgra8888, SKAlphaType.Opaque);
            var dstInfo = new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque);
            using var srcImage = SKImage.FromPixels(new SKPixmap(srcInfo, (nint)src, srcInfo.RowBytes));
            using var surface = SKSurface.Create(dstInfo, (nint)dst, dstInfo.RowBytes);
            // Bilinear is enough within a 2× shrink, since the painter repaints every pixel anyway (a cubic filter cost
            // ~3x the time for no visible gain in the painting).
            surface.Canvas.Clear(SKColors.Black);
            surface.Canvas.DrawImage(srcImage, SKRect.Create(crop.Left, crop.Top, crop.Width, crop.Height),
                SKRect.Create(0, 0, width, height), sampling);
            surface.Canvas.Flush();
        }
        return result;
    }
}
