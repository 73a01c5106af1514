using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Worker.Imaging;

/// <summary>
/// RGBA bytes ↔ planar RGB floats (one NCHW image), the layout every painter network takes and gives. Both run on the
/// painter's own thread around every inference, eight pixels at a time on vector lanes (a pixel's four bytes as one
/// little-endian 32-bit lane, R lowest): on a GPU node that thread is what limits the painter (docs/PERFORMANCE.md 0n, 0o), and a painting read
/// back one value at a time took 4.2 ms of it per 512×640 image.
/// </summary>
public static class PlanarPixels
{
    /// <summary>Writes the image's R, G and B planes into <paramref name="planes"/>, mapping 0..255 to low..high.</summary>
    public static void Write(RgbaImage image, Span<float> planes, float low = 0f, float high = 255f)
    {
        var plane = image.Width * image.Height;
        var pixels = MemoryMarshal.Cast<byte, uint>(image.Pixels.AsSpan(0, plane * 4));
        var r = planes[..plane];
        var g = planes.Slice(plane, plane);
        var b = planes.Slice(2 * plane, plane);
        var scale = (high - low) / 255f;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (scales, lows) = (Vector256.Create(scale), Vector256.Create(low));
            for (; i <= plane - 8; i += 8)
            {
                var (red, green, blue) = PixelLanes.Channels(Vector256.Create(pixels.Slice(i, 8)));
                (Vector256.ConvertToSingle(red) * scales + lows).CopyTo(r.Slice(i, 8));
                (Vector256.ConvertToSingle(green) * scales + lows).CopyTo(g.Slice(i, 8));
                (Vector256.ConvertToSingle(blue) * scales + lows).CopyTo(b.Slice(i, 8));
            }
        }
        for (; i < plane; i++)
        {
            var pixel = pixels[i];
            r[i] = (pixel & 0xFF) * scale + low;
            g[i] = ((pixel >> 8) & 0xFF) * scale + low;
            b[i] = ((pixel >> 16) & 0xFF) * scale + low;
        }
    }

    /// <summary>An opaque RGBA image from planar R, G, B values in low..high (rounded half to even, and clamped).</summary>
    public static RgbaImage Read(ReadOnlySpan<float> planes, int width, int height, float low = 0f, float high = 255f)
    {
        var plane = width * height;
        ArgumentOutOfRangeException.ThrowIfLessThan(planes.Length, 3 * plane, nameof(planes));
        var result = RgbaImage.Rent(width, height);
        var pixels = MemoryMarshal.Cast<byte, uint>(result.Pixels.AsSpan(0, plane * 4));
        var r = planes[..plane];
        var g = planes.Slice(plane, plane);
        var b = planes.Slice(2 * plane, plane);
        var toByte = 255f / (high - low);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (scales, lows, opaque) = (Vector256.Create(toByte), Vector256.Create(low), Vector256.Create(0xFF000000u));
            for (; i <= plane - 8; i += 8)
            {
                var red = Channel(Vector256.Create(r.Slice(i, 8)), lows, scales);
                var green = Channel(Vector256.Create(g.Slice(i, 8)), lows, scales);
                var blue = Channel(Vector256.Create(b.Slice(i, 8)), lows, scales);
                (red | (green << 8) | (blue << 16) | opaque).CopyTo(pixels.Slice(i, 8));
            }
        }
        for (; i < plane; i++)
            pixels[i] = ToByte((r[i] - low) * toByte) | ((uint)ToByte((g[i] - low) * toByte) << 8)
                | ((uint)ToByte((b[i] - low) * toByte) << 16) | 0xFF000000u;
        return result;
    }

    /// <summary>
    /// What <see cref="Read"/> and then <see cref="Write"/> (both over 0..255) make of <paramref name="planes"/>, without
    /// the bytes between: each value rounded half to even and clamped to a whole level 0..255 (NaN to 0).
    /// </summary>
    public static void AsWholeLevels(ReadOnlySpan<float> planes, Span<float> levels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels.Length, planes.Length, nameof(levels));
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (one, none) = (Vector256.Create(1f), Vector256<float>.Zero);
            for (; i <= planes.Length - 8; i += 8)
                Vector256.ConvertToSingle(Channel(Vector256.Create(planes.Slice(i, 8)), none, one).AsInt32()).CopyTo(levels.Slice(i, 8));
        }
        for (; i < planes.Length; i++)
            levels[i] = ToByte(planes[i]);
    }

    // Rounded half to even as MathF.Round, clamped to 0..255 (NaN to 0, as the one-at-a-time conversion gives).
    static Vector256<uint> Channel(Vector256<float> values, Vector256<float> lows, Vector256<float> scales)
    {
        var rounded = Vector256.Round((values - lows) * scales);
        var clamped = Vector256.Min(Vector256.Max(rounded, Vector256<float>.Zero), Vector256.Create(255f));
        return Vector256.ConvertToInt32(clamped).AsUInt32();
    }

    static byte ToByte(float value) => (byte)Math.Clamp(MathF.Round(value), 0f, 255f);
}
