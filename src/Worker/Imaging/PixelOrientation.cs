using System.Runtime.InteropServices;
using SkiaSharp;

namespace RenderFarm.Worker.Imaging;

/// <summary>
/// Turns or mirrors an image by a quarter-turn matrix (a camera's EXIF orientation): every output pixel is one stored
/// pixel, moved whole. Drawn through a Skia canvas instead, a phone portrait shot's 1512×2016 decode took ~70 ms to
/// turn, more than decoding it. Moved in square tiles, so that the reads down a stored column stay in the cache, the
/// shot decodes in 23 ms in all (an upright phone photo of its size: 20–22); timed alone in a loop that writes a new
/// 12 MB image each time, the turn takes 8–16 ms, most of it that fresh memory.
/// </summary>
public static class PixelOrientation
{
    const int Tile = 32;

    /// <summary>
    /// The image as <paramref name="storedToDisplay"/> shows it, <paramref name="width"/> × <paramref name="height"/>;
    /// the matrix must map pixels onto pixels (entries 0 and ±1, translations by the sides).
    /// </summary>
    public static RgbaImage Apply(RgbaImage stored, SKMatrix storedToDisplay, int width, int height) =>
        Apply(stored.Pixels, stored.Width, stored.Height, storedToDisplay, width, height);

    /// <summary>
    /// The same, from stored pixels in a buffer (RGBA rows, at least storedWidth × storedHeight of them), written into
    /// <paramref name="into"/> where given (exactly width × height RGBA pixels; every one is written).
    /// </summary>
    public static RgbaImage Apply(ReadOnlySpan<byte> storedPixels, int storedWidth, int storedHeight, SKMatrix storedToDisplay, int width, int height, byte[]? into = null)
    {
        if (into is not null && into.Length != width * height * 4)
            throw new ArgumentException($"{into.Length} bytes are not {width}x{height} RGBA pixels.", nameof(into));
        if (storedPixels.Length < storedWidth * storedHeight * 4)
            throw new ArgumentException($"{storedPixels.Length} bytes are fewer than {storedWidth}x{storedHeight} RGBA pixels.", nameof(storedPixels));
        if (!storedToDisplay.TryInvert(out var displayToStored))
            throw new ArgumentException("The orientation matrix cannot be inverted.", nameof(storedToDisplay));
        // Where a display pixel's centre falls in the stored image, as a pixel index: a start, and a step for each
        // display axis.
        int StoredIndex(int x, int y)
        {
            var point = displayToStored.MapPoint(x + 0.5f, y + 0.5f);
            var (sx, sy) = ((int)MathF.Floor(point.X), (int)MathF.Floor(point.Y));
            if (sx < 0 || sy < 0 || sx >= storedWidth || sy >= storedHeight)
                throw new ArgumentException($"The orientation matrix maps ({x},{y}) outside the {storedWidth}x{storedHeight} image.", nameof(storedToDisplay));
            return sy * storedWidth + sx;
        }
        var origin = StoredIndex(0, 0);
        var (stepX, stepY) = (width > 1 ? StoredIndex(1, 0) - origin : 0, height > 1 ? StoredIndex(0, 1) - origin : 0);
        _ = StoredIndex(width - 1, height - 1);
        var result = into is null ? RgbaImage.Allocate(width, height) : new RgbaImage(width, height, into);
        var source = MemoryMarshal.Cast<byte, uint>(storedPixels);
        var target = MemoryMarshal.Cast<byte, uint>(result.Pixels.AsSpan());
        for (var tileY = 0; tileY < height; tileY += Tile)
            for (var tileX = 0; tileX < width; tileX += Tile)
            {
                var (endY, endX) = (Math.Min(tileY + Tile, height), Math.Min(tileX + Tile, width));
                for (var y = tileY; y < endY; y++)
                {
                    var from = origin + y * stepY + tileX * stepX;
                    var row = target.Slice(y * width, width);
                    for (var x = tileX; x < endX; x++, from += stepX)
                        row[x] = source[from];
                }
            }
        return result;
    }
}
