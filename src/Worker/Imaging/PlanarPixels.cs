namespace RenderFarm.Worker.Imaging;

/// <summary>RGBA bytes ↔ planar RGB floats (one NCHW image), the layout every painter network takes and gives.</summary>
public static class PlanarPixels
{
    /// <summary>Writes the image's R, G and B planes into <paramref name="planes"/>, mapping 0..255 to low..high.</summary>
    public static void Write(RgbaImage image, Span<float> planes, float low = 0f, float high = 255f)
    {
        var plane = image.Width * image.Height;
        var pixels = image.Pixels;
        var scale = (high - low) / 255f;
        for (var i = 0; i < plane; i++)
        {
            planes[i] = pixels[i * 4] * scale + low;
            planes[plane + i] = pixels[i * 4 + 1] * scale + low;
            planes[2 * plane + i] = pixels[i * 4 + 2] * scale + low;
        }
    }

    /// <summary>An opaque RGBA image from planar R, G, B values in low..high (rounded and clamped).</summary>
    public static RgbaImage Read(ReadOnlySpan<float> planes, int width, int height, float low = 0f, float high = 255f)
    {
        var result = RgbaImage.Rent(width, height);
        var plane = width * height;
        var toByte = 255f / (high - low);
        var pixels = result.Pixels;
        for (var i = 0; i < plane; i++)
        {
            pixels[i * 4] = ToByte((planes[i] - low) * toByte);
            pixels[i * 4 + 1] = ToByte((planes[plane + i] - low) * toByte);
            pixels[i * 4 + 2] = ToByte((planes[2 * plane + i] - low) * toByte);
            pixels[i * 4 + 3] = 255;
        }
        return result;
    }

    static byte ToByte(float value) => (byte)Math.Clamp(MathF.Round(value), 0f, 255f);
}
