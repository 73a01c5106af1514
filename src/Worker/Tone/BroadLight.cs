using System.Numerics;
using System.Numerics.Tensors;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tone;

/// <summary>
/// The broad (low-pass) version of a plane, computed on each side of the figure's cut separately when there is one:
/// α·blur(α·v)/blur(α) + (1−α)·blur((1−α)·v)/blur(1−α), a normalized convolution. A plain blur across the cut would
/// carry the sitter's light into the ground (and the ground's dark into the sitter's edge), and the tone step would
/// paint that as a glowing band around the figure. Both sides come from one pass over the plane: the blur is linear,
/// so the ground's side on the small grid is the whole plane's block means minus the figure's. Its planes are pooled
/// and given back on Dispose. <see cref="Of(ReadOnlySpan{float}, Span{float})"/> may be called for several planes at once.
/// </summary>
public sealed class BroadLight : IDisposable
{
    readonly LowPass lowPass;
    readonly PooledPlanes planes;
    readonly float[]? alpha;
    // Per pixel, the reciprocals of the two sides' blurred weights, so the divisions of the normalized convolution are
    // done once, not once per plane. A side whose weight is ~0 is stood in for by the other side's average: the
    // figure's reciprocal is then 0, the ground's negative (its size is kept for the figure's fallback).
    readonly float[]? figureInverse, groundInverse;

    public BroadLight(PersonMask? figure, int width, int height, float sigma, IPartRunner? parts = null)
    {
        lowPass = new LowPass(width, height, sigma);
        var n = width * height;
        planes = new PooledPlanes(n);
        if (figure is null) return;
        (alpha, figureInverse, groundInverse) = (planes.RentArray(), planes.RentArray(), planes.RentArray());
        Cutout.Alphas(figure.Alpha.AsSpan(0, n), alpha.AsSpan(0, n));
        TensorPrimitives.Subtract(1f, alpha.AsSpan(0, n), groundInverse.AsSpan(0, n));
        (parts ?? InlineParts.Instance).Run(2, side =>
        {
            if (side == 0) lowPass.Blur(alpha.AsSpan(0, n), figureInverse.AsSpan(0, n));
            else lowPass.Blur(groundInverse.AsSpan(0, n), groundInverse.AsSpan(0, n));
        });
        Reciprocals(figureInverse.AsSpan(0, n), 0);
        Reciprocals(groundInverse.AsSpan(0, n), -1 / MinWeight);
    }

    const float MinWeight = 1e-3f;

    // Each weight's reciprocal in place, or the stand-in where the weight is too small to divide by.
    static void Reciprocals(Span<float> weights, float standIn)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (least, instead) = (new Vector<float>(MinWeight), new Vector<float>(standIn));
            for (; i <= weights.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var weight = new Vector<float>(weights[i..]);
                Vector.ConditionalSelect(Vector.GreaterThan(weight, least), Vector<float>.One / weight, instead).CopyTo(weights[i..]);
            }
        }
        for (; i < weights.Length; i++) weights[i] = weights[i] > MinWeight ? 1 / weights[i] : standIn;
    }

    public void Of(ReadOnlySpan<float> values, Span<float> result)
    {
        var grids = Grids(values);
        var scratch = NewRowScratch();
        for (var y = 0; y < lowPass.Height; y++)
            Row(grids, y, scratch, result.Slice(y * lowPass.Width, lowPass.Width));
    }

    /// <summary>
    /// The broad versions of several planes at once: their small grids one plane per part, then the full-size rows in
    /// bands of rows, each row of every plane in turn, so the row's weights are read from memory once for all planes.
    /// </summary>
    public void Of(IReadOnlyList<float[]> planes, IReadOnlyList<float[]> results, IPartRunner? parts = null)
    {
        parts ??= InlineParts.Instance;
        var (width, height) = (lowPass.Width, lowPass.Height);
        var grids = new SmallGrids[planes.Count];
        parts.Run(planes.Count, i => grids[i] = Grids(planes[i].AsSpan(0, width * height)));
        parts.Run(RowBands.Count, band =>
        {
            var scratch = NewRowScratch();
            var (first, end) = RowBands.Of(band, height);
            for (var y = first; y < end; y++)
                for (var i = 0; i < grids.Length; i++)
                    Row(grids[i], y, scratch, results[i].AsSpan(y * width, width));
        });
    }

    /// <summary>
    /// A plane's blurred block sums on the small grid: each side of the cut apart (the ground's as the whole plane's
    /// minus the figure's), or the whole plane's where there is no cut.
    /// </summary>
    public SmallGrids Grids(ReadOnlySpan<float> values)
    {
        if (alpha is null)
        {
            var small = new float[lowPass.SmallLength];
            lowPass.Reduce(values, small);
            lowPass.Convolve(small);
            return new SmallGrids(small, null);
        }
        var (whole, figure) = (new float[lowPass.SmallLength], new float[lowPass.SmallLength]);
        lowPass.Reduce(values, alpha.AsSpan(0, values.Length), whole, figure);
        var ground = whole;
        for (var i = 0; i < ground.Length; i++) ground[i] -= figure[i];
        lowPass.Convolve(figure);
        lowPass.Convolve(ground);
        return new SmallGrids(figure, ground);
    }

    /// <summary>What <see cref="Row"/> needs to work in: one per thread.</summary>
    public float[] NewRowScratch() => new float[lowPass.SmallWidth + 2 * lowPass.Width];

    /// <summary>Row <paramref name="y"/> of a plane's broad version, from its <see cref="Grids"/>.</summary>
    public void Row(SmallGrids grids, int y, float[] scratch, Span<float> row)
    {
        var width = lowPass.Width;
        var between = scratch.AsSpan(0, lowPass.SmallWidth);
        if (grids.Ground is null)
        {
            lowPass.SampleRow(grids.Figure, y, between, row);
            return;
        }
        var onFigure = scratch.AsSpan(lowPass.SmallWidth, width);
        var onGround = scratch.AsSpan(lowPass.SmallWidth + width, width);
        lowPass.SampleRow(grids.Figure, y, between, onFigure);
        lowPass.SampleRow(grids.Ground, y, between, onGround);
        var start = y * width;
        Combine(onFigure, onGround, figureInverse!.AsSpan(start, width), groundInverse!.AsSpan(start, width), alpha!.AsSpan(start, width), row);
    }

    // One row of α·f + (1−α)·g, each side its blurred sum times its reciprocal weight, a side without weight standing in
    // for the other (see the reciprocals above); on Vector<float> lanes, the same arithmetic as the scalar tail.
    static void Combine(ReadOnlySpan<float> onFigure, ReadOnlySpan<float> onGround, ReadOnlySpan<float> figureShares,
        ReadOnlySpan<float> groundShares, ReadOnlySpan<float> alphas, Span<float> result)
    {
        var x = 0;
        if (Vector.IsHardwareAccelerated)
            for (; x <= result.Length - Vector<float>.Count; x += Vector<float>.Count)
            {
                var (figureShare, groundShare, a) = (new Vector<float>(figureShares[x..]), new Vector<float>(groundShares[x..]), new Vector<float>(alphas[x..]));
                var g = new Vector<float>(onGround[x..]) * Vector.Abs(groundShare);
                var f = Vector.ConditionalSelect(Vector.GreaterThan(figureShare, Vector<float>.Zero), new Vector<float>(onFigure[x..]) * figureShare, g);
                g = Vector.ConditionalSelect(Vector.LessThan(groundShare, Vector<float>.Zero), f, g);
                (a * f + (Vector<float>.One - a) * g).CopyTo(result[x..]);
            }
        for (; x < result.Length; x++)
        {
            var (figureShare, groundShare) = (figureShares[x], groundShares[x]);
            var g = onGround[x] * Math.Abs(groundShare);
            var f = figureShare > 0 ? onFigure[x] * figureShare : g;
            if (groundShare < 0) g = f;
            result[x] = alphas[x] * f + (1 - alphas[x]) * g;
        }
    }

    /// <summary>The broad version of a plane, in a new array.</summary>
    public float[] Of(float[] values)
    {
        var result = new float[values.Length];
        Of(values, result);
        return result;
    }

    public void Dispose() => planes.Dispose();
}
