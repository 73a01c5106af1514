using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
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
        var result = RgbaImage.Rent(photo.Width, photo.Height);
        var n = mask.Alpha.Length;
        var alphas = ArrayPool<float>.Shared.Rent(n);
        try
        {
            Alphas(mask.Alpha.AsSpan(0, n), alphas.AsSpan(0, n));
            Blend(photo.Pixels.AsSpan(0, n * 4), ground.Pixels.AsSpan(0, n * 4), alphas.AsSpan(0, n), result.Pixels.AsSpan(0, n * 4));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(alphas);
        }
        return result;
    }

    // Each channel ground + (photo − ground) × alpha, rounded, and alpha 255: eight pixels at a time as four vectors of
    // two pixels' channels each. Alpha 0 gives the ground's bytes and alpha 1 the photo's exactly, so the pixels that
    // are all ground or all person take the same arithmetic as the edge.
    static void Blend(ReadOnlySpan<byte> photo, ReadOnlySpan<byte> ground, ReadOnlySpan<float> alphas, Span<byte> result)
    {
        const uint Opaque = 0xFF000000; // alpha, the fourth byte of a little-endian RGBA pixel
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var half = Vector256.Create(0.5f);
            var opaque = Vector256.Create(Opaque).AsByte();
            for (; i <= alphas.Length - 8; i += 8)
            {
                var a = Vector256.Create(alphas[i..]);
                var (photoLow, photoHigh) = Vector256.Widen(Vector256.Create(photo[(i * 4)..]));
                var (groundLow, groundHigh) = Vector256.Widen(Vector256.Create(ground[(i * 4)..]));
                var low = Vector256.Narrow(
                    Mix(photoLow, groundLow, Vector256.Shuffle(a, Vector256.Create(0, 0, 0, 0, 1, 1, 1, 1)), Vector256.Shuffle(a, Vector256.Create(2, 2, 2, 2, 3, 3, 3, 3)), half),
                    Mix(photoHigh, groundHigh, Vector256.Shuffle(a, Vector256.Create(4, 4, 4, 4, 5, 5, 5, 5)), Vector256.Shuffle(a, Vector256.Create(6, 6, 6, 6, 7, 7, 7, 7)), half));
                (low | opaque).CopyTo(result[(i * 4)..]);
            }
        }
        for (; i < alphas.Length; i++)
        {
            for (var c = 0; c < 3; c++)
                result[i * 4 + c] = (byte)(ground[i * 4 + c] + (photo[i * 4 + c] - ground[i * 4 + c]) * alphas[i] + 0.5f);
            result[i * 4 + 3] = 255;
        }
    }

    // Four pixels' channels (16 bytes widened) blended, the first two pixels by firstAlphas and the last two by secondAlphas.
    static Vector256<ushort> Mix(Vector256<ushort> photo, Vector256<ushort> ground, Vector256<float> firstAlphas, Vector256<float> secondAlphas, Vector256<float> half)
    {
        var (photoFirst, photoSecond) = Vector256.Widen(photo);
        var (groundFirst, groundSecond) = Vector256.Widen(ground);
        return Vector256.Narrow(Channel(photoFirst, groundFirst, firstAlphas, half), Channel(photoSecond, groundSecond, secondAlphas, half));
    }

    static Vector256<uint> Channel(Vector256<uint> photo, Vector256<uint> ground, Vector256<float> alphas, Vector256<float> half)
    {
        var (p, g) = (Vector256.ConvertToSingle(photo.AsInt32()), Vector256.ConvertToSingle(ground.AsInt32()));
        return Vector256.ConvertToInt32(g + (p - g) * alphas + half).AsUInt32();
    }
}
