using System.Buffers;
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

    public static void TextureShare(PersonMask figure, Span<float> share)
    {
        var (w, h) = (figure.Width, figure.Height);
        var distance = ArrayPool<byte>.Shared.Rent(w * h);
        try
        {
            ChebyshevDistances(figure, distance);
            const float far = Reach + 1;
            for (var i = 0; i < w * h; i++)
            {
                var t = distance[i] / far;
                share[i] = distance[i] == 0 ? 1 : Texture + (1 - Texture) * t * t * (3 - 2 * t);
            }
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
        const byte far = Reach + 1;
        for (var i = 0; i < w * h; i++)
            distance[i] = figure.Alpha[i] >= 0.5f ? (byte)0 : far;
        // Forward: from the left and the row above; backward: from the right and the row below.
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var i = y * w + x;
                var d = (int)distance[i];
                if (d == 0) continue;
                if (x > 0) d = Math.Min(d, distance[i - 1] + 1);
                if (y > 0)
                {
                    d = Math.Min(d, distance[i - w] + 1);
                    if (x > 0) d = Math.Min(d, distance[i - w - 1] + 1);
                    if (x < w - 1) d = Math.Min(d, distance[i - w + 1] + 1);
                }
                distance[i] = (byte)Math.Min(d, far);
            }
        for (var y = h - 1; y >= 0; y--)
            for (var x = w - 1; x >= 0; x--)
            {
                var i = y * w + x;
                var d = (int)distance[i];
                if (d == 0) continue;
                if (x < w - 1) d = Math.Min(d, distance[i + 1] + 1);
                if (y < h - 1)
                {
                    d = Math.Min(d, distance[i + w] + 1);
                    if (x > 0) d = Math.Min(d, distance[i + w - 1] + 1);
                    if (x < w - 1) d = Math.Min(d, distance[i + w + 1] + 1);
                }
                distance[i] = (byte)Math.Min(d, far);
            }
    }
}
