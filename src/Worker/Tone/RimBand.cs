using System.Buffers;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using RenderFarm.Worker.Figure;

namespace RenderFarm.Worker.Tone;

/// <summary>
/// The band of ground beside the figure where the painter's texture is softened: the share of it kept is
/// <see cref="Texture"/> next to the figure (alpha ≥ ½), rising smoothly to all of it at <see cref="Reach"/> px; 1 on
/// the figure and beyond the band. Distance is Chebyshev (a square around each figure pixel), from a two-pass chamfer
/// transform: with every step of the 3×3 neighbourhood costing 1, one forward and one backward raster pass give it
/// exactly, two reads of the mask whatever the band's width.
/// </summary>
public static class RimBand
{
    /// <summary>Width (px) of the band, and the share of texture left at the figure's edge.</summary>
    public const int Reach = 28;
    public const float Texture = 0.1f;

    const byte Far = Reach + 1;

    // The share for each distance 0..Far: a distance is a whole number of pixels, so the curve is read from a table.
    static readonly float[] Shares = Enumerable.Range(0, Far + 1).Select(distance =>
    {
        var t = distance / (float)Far;
        return distance == 0 ? 1 : Texture + (1 - Texture) * t * t * (3 - 2 * t);
    }).ToArray();

    public static void TextureShare(PersonMask figure, Span<float> share)
    {
        var (w, h) = (figure.Width, figure.Height);
        var distance = ArrayPool<byte>.Shared.Rent(w * h);
        try
        {
            ChebyshevDistances(figure, distance);
            SharesOf(distance.AsSpan(0, w * h), share[..(w * h)]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(distance);
        }
    }

    /// <summary>Chebyshev distance (px) to the nearest figure pixel, capped at <see cref="Reach"/> + 1.</summary>
    static void ChebyshevDistances(PersonMask figure, byte[] distance)
    {
        var (w, h) = (figure.Width, figure.Height);
        Seeds(figure.Alpha.AsSpan(0, w * h), distance.AsSpan(0, w * h));
        // Forward: from the row above, then from the left; backward: from the row below, then from the right. A row's
        // neighbour row is final before the row is read, so its three steps are taken for the whole row at once; only
        // the step along the row runs pixel after pixel. The minimum of the same steps as a raster pass, in another order.
        ForwardAlong(distance.AsSpan(0, w));
        for (var y = 1; y < h; y++)
        {
            FromRow(distance.AsSpan((y - 1) * w, w), distance.AsSpan(y * w, w));
            ForwardAlong(distance.AsSpan(y * w, w));
        }
        BackwardAlong(distance.AsSpan((h - 1) * w, w));
        for (var y = h - 2; y >= 0; y--)
        {
            FromRow(distance.AsSpan((y + 1) * w, w), distance.AsSpan(y * w, w));
            BackwardAlong(distance.AsSpan(y * w, w));
        }
    }

    // 0 on the figure (alpha ≥ ½), Far elsewhere; 32 pixels at a time, each comparison's lanes narrowed to bytes.
    static void Seeds(ReadOnlySpan<float> alpha, Span<byte> distance)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (half, far) = (Vector256.Create(0.5f), Vector256.Create(Far));
            for (; i <= alpha.Length - 32; i += 32)
            {
                var onFigure = Vector256.Narrow(
                    Vector256.Narrow(Vector256.GreaterThanOrEqual(Vector256.Create(alpha.Slice(i, 8)), half).AsInt32(),
                        Vector256.GreaterThanOrEqual(Vector256.Create(alpha.Slice(i + 8, 8)), half).AsInt32()),
                    Vector256.Narrow(Vector256.GreaterThanOrEqual(Vector256.Create(alpha.Slice(i + 16, 8)), half).AsInt32(),
                        Vector256.GreaterThanOrEqual(Vector256.Create(alpha.Slice(i + 24, 8)), half).AsInt32()));
                Vector256.AndNot(far, onFigure.AsByte()).CopyTo(distance.Slice(i, 32));
            }
        }
        for (; i < alpha.Length; i++)
            distance[i] = alpha[i] >= 0.5f ? (byte)0 : Far;
    }

    // Each distance's share from the table, eight at a time by AVX2 gathers.
    static unsafe void SharesOf(ReadOnlySpan<byte> distance, Span<float> share)
    {
        var i = 0;
        if (Avx2.IsSupported)
            fixed (byte* distances = distance)
            fixed (float* table = Shares)
                for (; i <= distance.Length - 8; i += 8)
                    Avx2.GatherVector256(table, Avx2.ConvertToVector256Int32(distances + i), 4).CopyTo(share.Slice(i, 8));
        for (; i < distance.Length; i++) share[i] = Shares[distance[i]];
    }

    // row[x] = min(row[x], 1 + min(next[x−1], next[x], next[x+1])), the neighbours that exist; 32 pixels at a time.
    static void FromRow(ReadOnlySpan<byte> next, Span<byte> row)
    {
        var w = row.Length;
        if (w == 1)
        {
            row[0] = (byte)Math.Min(row[0], next[0] + 1);
            return;
        }
        row[0] = (byte)Math.Min(row[0], Math.Min(next[0], next[1]) + 1);
        row[w - 1] = (byte)Math.Min(row[w - 1], Math.Min(next[w - 2], next[w - 1]) + 1);
        var x = 1;
        var one = Vector256.Create((byte)1);
        // Distances are at most Far (29), so adding 1 never wraps.
        for (; x + Vector256<byte>.Count <= w - 1; x += Vector256<byte>.Count)
        {
            var nearest = Vector256.Min(Vector256.Min(Vector256.Create(next[(x - 1)..]), Vector256.Create(next[x..])), Vector256.Create(next[(x + 1)..]));
            Vector256.Min(Vector256.Create(row[x..]), nearest + one).CopyTo(row[x..]);
        }
        for (; x < w - 1; x++)
            row[x] = (byte)Math.Min(row[x], Math.Min(Math.Min(next[x - 1], next[x]), next[x + 1]) + 1);
    }

    static void ForwardAlong(Span<byte> row)
    {
        for (var x = 1; x < row.Length; x++)
            if (row[x - 1] + 1 < row[x]) row[x] = (byte)(row[x - 1] + 1);
    }

    static void BackwardAlong(Span<byte> row)
    {
        for (var x = row.Length - 2; x >= 0; x--)
            if (row[x + 1] + 1 < row[x]) row[x] = (byte)(row[x + 1] + 1);
    }
}
