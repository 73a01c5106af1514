using System.Numerics;
using System.Runtime.InteropServices;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Figure;

/// <summary>
/// Places the sitter on a ground: each pixel is photo × alpha + ground × (1 − alpha). The segmenter's soft edge is
/// tightened first (alpha below <see cref="GroundBelow"/> is all ground, above <see cref="PersonAbove"/> all person,
/// a smooth ramp between), so the band where the photo's surroundings could mix in is a few pixels wide and leans
/// to the person: a halo of the old background would otherwise outline the sitter.
/// </summary>
public static class Cutout
{
    public const float GroundBelow = 0.3f;
    public const float PersonAbove = 0.8f;

    public static float Alpha(float probability)
    {
        var t = Math.Clamp((probability - GroundBelow) / (PersonAbove - GroundBelow), 0f, 1f);
        return t * t * (3 - 2 * t);
    }

    /// <summary><see cref="Alpha(float)"/> of every probability, on <see cref="Vector{T}"/> lanes: the same arithmetic, the same results.</summary>
    public static void Alphas(ReadOnlySpan<float> probabilities, Span<float> alphas)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (below, span, three, two) = (new Vector<float>(GroundBelow), new Vector<float>(PersonAbove - GroundBelow), new Vector<float>(3f), new Vector<float>(2f));
            for (; i <= probabilities.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var t = Vector.Min(Vector.Max((new Vector<float>(probabilities[i..]) - below) / span, Vector<float>.Zero), Vector<float>.One);
                (t * t * (three - two * t)).CopyTo(alphas[i..]);
            }
        }
        for (; i < probabilities.Length; i++) alphas[i] = Alpha(probabilities[i]);
    }

    public static RgbaImage Place(RgbaImage photo, PersonMask mask, RgbaImage ground)
    {
        var result = RgbaImage.Allocate(photo.Width, photo.Height);
        var (p, g, r) = (photo.Pixels, ground.Pixels, result.Pixels);
        var photoPixels = MemoryMarshal.Cast<byte, uint>(p.AsSpan());
        var groundPixels = MemoryMarshal.Cast<byte, uint>(g.AsSpan());
        var resultPixels = MemoryMarshal.Cast<byte, uint>(r.AsSpan());
        const uint Opaque = 0xFF000000; // alpha, the fourth byte of a little-endian RGBA pixel
        for (var i = 0; i < mask.Alpha.Length; i++)
        {
            var a = Alpha(mask.Alpha[i]);
            // Most of a frame is all ground or all person: the blend below gives exactly those pixels there, so they
            // are copied whole.
            if (a <= 0f)
                resultPixels[i] = groundPixels[i] | Opaque;
            else if (a >= 1f)
                resultPixels[i] = photoPixels[i] | Opaque;
            else
            {
                for (var c = 0; c < 3; c++)
                    r[i * 4 + c] = (byte)(g[i * 4 + c] + (p[i * 4 + c] - g[i * 4 + c]) * a + 0.5f);
                r[i * 4 + 3] = 255;
            }
        }
        return result;
    }
}
