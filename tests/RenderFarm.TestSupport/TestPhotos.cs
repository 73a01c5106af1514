using SkiaSharp;

namespace RenderFarm.TestSupport;

/// <summary>Photos made from the shared test faces, for sizes and scenes the shared data does not have.</summary>
public static class TestPhotos
{
    /// <summary>A face photo resized to camera dimensions and saved as a JPEG, as a phone would upload it.</summary>
    public static byte[] CameraSizedJpeg(string face, int width, int height)
    {
        using var resized = Resized(face, width, height);
        using var data = resized.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    static SKBitmap Resized(string face, int width, int height)
    {
        using var source = SKBitmap.Decode(SharedData.Face(face));
        return source.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKFilterMode.Linear));
    }

    /// <summary>
    /// A face photo as a phone stores a portrait shot: <paramref name="width"/> × <paramref name="height"/> upright on
    /// screen, but the pixels stored sideways (the sensor's landscape) with EXIF orientation 6 (turn clockwise to show).
    /// </summary>
    public static byte[] PortraitShotJpeg(string face, int width, int height)
    {
        using var upright = Resized(face, width, height);
        using var stored = new SKBitmap(height, width);
        using (var canvas = new SKCanvas(stored))
        {
            // Display (x, y) → stored (y, width − x): a quarter turn anticlockwise, which orientation 6 undoes.
            canvas.Translate(0, width);
            canvas.RotateDegrees(-90);
            canvas.DrawBitmap(upright, 0, 0);
        }
        using var data = stored.Encode(SKEncodedImageFormat.Jpeg, 90);
        var jpeg = data.ToArray();
        // APP1 "Exif": a little-endian TIFF header and one IFD with one entry, Orientation (0x0112, SHORT) = 6.
        byte[] exif =
        [
            0xFF, 0xE1, 0x00, 0x22, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'I', (byte)'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,
            0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00,
        ];
        return [.. jpeg.AsSpan(0, 2), .. exif, .. jpeg.AsSpan(2)];
    }

    /// <summary>Width (px) of each stripe of <see cref="SitterOnStripes"/>'s backdrop.</summary>
    public const int StripeWidth = 10;

    /// <summary>
    /// kodim04's sitter (half size, 256×384) standing at the bottom of an 800×600 wall of bold vertical green and
    /// magenta stripes: surroundings that must not reach the gallery. Framed head-and-shoulders on the 512×640 canvas,
    /// the stripes fill the outer <see cref="BackdropMargin"/> columns on both sides from top to bottom.
    /// </summary>
    public static byte[] SitterOnStripes()
    {
        using var surface = SKSurface.Create(new SKImageInfo(800, 600));
        var canvas = surface.Canvas;
        using var green = new SKPaint { Color = new SKColor(20, 200, 40) };
        using var magenta = new SKPaint { Color = new SKColor(220, 20, 200) };
        for (var x = 0; x < 800; x += StripeWidth)
            canvas.DrawRect(x, 0, StripeWidth, 600, x / StripeWidth % 2 == 0 ? green : magenta);
        using var sitter = SKImage.FromEncodedData(SharedData.Face("kodim04.png"));
        canvas.DrawImage(sitter, SKRect.Create(272, 216, 256, 384), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Columns (canvas px, each side) of a 512-wide portrait of <see cref="SitterOnStripes"/> that show only the backdrop.</summary>
    public const int BackdropMargin = 70;

    /// <summary>
    /// How strongly vertical stripes show in the outer columns of a portrait: mean |∂L/∂x| over mean |∂L/∂y| of
    /// luminance there. About 1 for an even or mottled ground; the striped wall itself measures far above 2.
    /// </summary>
    public static double StripeAnisotropy(byte[] encodedPortrait)
    {
        using var bitmap = SKBitmap.Decode(encodedPortrait) ?? throw new InvalidDataException("not an image");
        double across = 0, down = 0;
        for (var y = 0; y < bitmap.Height - 1; y++)
            for (var x = 0; x < bitmap.Width - 1; x++)
            {
                if (x >= BackdropMargin && x < bitmap.Width - BackdropMargin - 1) continue;
                var here = Luma(bitmap.GetPixel(x, y));
                across += Math.Abs(Luma(bitmap.GetPixel(x + 1, y)) - here);
                down += Math.Abs(Luma(bitmap.GetPixel(x, y + 1)) - here);
            }
        return across / Math.Max(1e-9, down);
    }

    static double Luma(SKColor c) => 0.2126 * c.Red + 0.7152 * c.Green + 0.0722 * c.Blue;
}
