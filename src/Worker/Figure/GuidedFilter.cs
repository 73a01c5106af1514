using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Figure;

/// <summary>
/// The guided filter (He, Sun &amp; Tang 2010/2013) with the photo's luminance as guide: it snaps the segmenter's coarse
/// mask (256×256 stretched to the canvas, its edge a blur some 15 px wide) to the edges that are really in the photo,
/// so the cut follows a hat brim or a cheek instead of taking a band of the surroundings with it. As in the fast guided
/// filter (He &amp; Sun 2015), the linear coefficients are worked out on a grid <see cref="Subsample"/>× smaller — the
/// coarse mask has no finer detail to give, and the coefficients are smooth — and only applied to the full-size
/// guide, so the edge still follows the photo's own pixels. Box means are separable running sums
/// (<see cref="BoxMean"/>), and the working planes come from a pool.
/// </summary>
public static class GuidedFilter
{
    /// <summary>Window radius (px on the canvas): about the width of the coarse mask's blurred edge.</summary>
    public const int Radius = 8;

    /// <summary>Regularisation on luminance variance (0..1 units): below it an edge is too faint to follow.</summary>
    public const float Epsilon = 1e-3f;

    /// <summary>How much smaller the grid of the coefficients is than the canvas.</summary>
    public const int Subsample = 2;

    /// <summary>The coarse mask (<paramref name="coarseWidth"/>×<paramref name="coarseHeight"/>, 0..1), refined at the guide's size.</summary>
    public static float[] Refine(ReadOnlySpan<float> coarse, int coarseWidth, int coarseHeight, RgbaImage guide, IPartRunner? parts = null,
        int radius = Radius, float epsilon = Epsilon)
    {
        using var prepared = FilterGuide.Of(guide, parts, radius);
        return Refine(coarse, coarseWidth, coarseHeight, prepared, parts, epsilon);
    }

    /// <summary>The coarse mask refined at the size of a guide made beforehand (<see cref="FilterGuide"/>), which stays the caller's.</summary>
    public static float[] Refine(ReadOnlySpan<float> coarse, int coarseWidth, int coarseHeight, FilterGuide guide, IPartRunner? parts = null,
        float epsilon = Epsilon)
    {
        parts ??= InlineParts.Instance;
        var (w, h, grid, box) = (guide.Width, guide.Height, guide.Grid, guide.Box);
        var n = grid.SmallLength;
        using var small = new PooledPlanes(n);
        var (guideSmall, meanI, meanII, grey) = (guide.Values, guide.MeanValue, guide.MeanSquare, guide.Grey);
        float[] mask = small.RentArray(), product = small.RentArray(), square = small.RentArray();
        Resize(coarse, coarseWidth, coarseHeight, grid.SmallWidth, grid.SmallHeight, mask);
        TensorPrimitives.Multiply(guideSmall.AsSpan(0, n), mask.AsSpan(0, n), product.AsSpan(0, n));
        float[] meanP = small.RentArray(), meanIp = small.RentArray();
        (float[] Plane, float[] Mean)[] means = [(mask, meanP), (product, meanIp)];
        parts.Run(means.Length, i => box.Of(means[i].Plane.AsSpan(0, n), means[i].Mean.AsSpan(0, n)));
        // The linear coefficients a and b, into the planes the product and a spare no longer need, then their means.
        var (a, b) = (product, square);
        Coefficients(meanI.AsSpan(0, n), meanP.AsSpan(0, n), meanIp.AsSpan(0, n), meanII.AsSpan(0, n), epsilon, a.AsSpan(0, n), b.AsSpan(0, n));
        var (meanA, meanB) = (meanP, meanIp);
        parts.Run(2, i =>
        {
            if (i == 0) box.Of(a.AsSpan(0, n), meanA.AsSpan(0, n));
            else box.Of(b.AsSpan(0, n), meanB.AsSpan(0, n));
        });
        var refined = PhotoBuffers.Masks.Rent(w * h); // every value written below
        parts.Run(RowBands.Count, band =>
        {
            var between = new float[grid.SmallWidth];
            var (rowA, rowB) = (new float[w], new float[w]);
            var (first, end) = RowBands.Of(band, h);
            for (var y = first; y < end; y++)
            {
                grid.SampleRow(meanA.AsSpan(0, n), y, between, rowA);
                grid.SampleRow(meanB.AsSpan(0, n), y, between, rowB);
                Apply(rowA, grey.AsSpan(y * w, w), rowB, refined.AsSpan(y * w, w));
            }
        });
        return refined;
    }

    // The guide: each pixel's luminance (Rec. 709 weights) in 0..1, eight pixels at a time (a pixel's bytes as one
    // little-endian lane, R lowest), in the same order of operations as one at a time, so the same values.
    internal static void Luminance(ReadOnlySpan<uint> pixels, Span<float> grey)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (r, g, b, levels) = (Vector256.Create(0.2126f), Vector256.Create(0.7152f), Vector256.Create(0.0722f), Vector256.Create(255f));
            for (; i <= pixels.Length - 8; i += 8)
            {
                var (red, green, blue) = PixelLanes.Channels(Vector256.Create(pixels.Slice(i, 8)));
                ((r * Vector256.ConvertToSingle(red) + g * Vector256.ConvertToSingle(green) + b * Vector256.ConvertToSingle(blue)) / levels).CopyTo(grey.Slice(i, 8));
            }
        }
        for (; i < pixels.Length; i++)
            grey[i] = (0.2126f * (pixels[i] & 0xFF) + 0.7152f * ((pixels[i] >> 8) & 0xFF) + 0.0722f * ((pixels[i] >> 16) & 0xFF)) / 255f;
    }

    // a = cov(I, p) / (var(I) + ε), b = mean(p) − a·mean(I): eight cells at a time, in the order one at a time takes.
    static void Coefficients(ReadOnlySpan<float> meanI, ReadOnlySpan<float> meanP, ReadOnlySpan<float> meanIp, ReadOnlySpan<float> meanII,
        float epsilon, Span<float> a, Span<float> b)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (var e = Vector256.Create(epsilon); i <= a.Length - 8; i += 8)
            {
                var (mi, mp) = (Vector256.Create(meanI.Slice(i, 8)), Vector256.Create(meanP.Slice(i, 8)));
                var variance = Vector256.Create(meanII.Slice(i, 8)) - mi * mi;
                var ai = (Vector256.Create(meanIp.Slice(i, 8)) - mi * mp) / (variance + e);
                ai.CopyTo(a.Slice(i, 8));
                (mp - ai * mi).CopyTo(b.Slice(i, 8));
            }
        for (; i < a.Length; i++)
        {
            var variance = meanII[i] - meanI[i] * meanI[i];
            a[i] = (meanIp[i] - meanI[i] * meanP[i]) / (variance + epsilon);
            b[i] = meanP[i] - a[i] * meanI[i];
        }
    }

    // q = a·I + b, clamped to 0..1, a row at a time on vector lanes.
    static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> guide, ReadOnlySpan<float> b, Span<float> output)
    {
        var x = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; x <= output.Length - 8; x += 8)
            {
                var q = Vector256.Create(a.Slice(x, 8)) * Vector256.Create(guide.Slice(x, 8)) + Vector256.Create(b.Slice(x, 8));
                Vector256.Min(Vector256.Max(q, Vector256<float>.Zero), Vector256<float>.One).CopyTo(output.Slice(x, 8));
            }
        for (; x < output.Length; x++)
            output[x] = Math.Clamp(a[x] * guide[x] + b[x], 0f, 1f);
    }

    // Bilinear, sampling the coarse mask at the pixel centres of the target size: first every coarse row across to the
    // target's width, then each target row from its two rows (BilinearRows.Blend), clamped to 0..1. The same
    // arithmetic as one pixel at a time (top and bottom across, then between them), so the same values.
    static unsafe void Resize(ReadOnlySpan<float> coarse, int coarseWidth, int coarseHeight, int width, int height, Span<float> result)
    {
        var (columns, rowTaps) = (BilinearTaps.Of(coarseWidth, width), BilinearTaps.Of(coarseHeight, height));
        var (first, second, weight) = (columns.First, columns.Second, columns.Weight);
        using var rows = new PooledPlanes(coarseHeight * width);
        var across = rows.RentArray().AsSpan(0, coarseHeight * width);
        fixed (float* source = coarse)
            for (var y = 0; y < coarseHeight; y++)
            {
                var row = source + y * coarseWidth;
                var output = across.Slice(y * width, width);
                var x = 0;
                if (Avx2.IsSupported)
                    for (; x <= width - 8; x += 8)
                    {
                        var left = Avx2.GatherVector256(row, Vector256.Create(first.AsSpan(x, 8)), 4);
                        var right = Avx2.GatherVector256(row, Vector256.Create(second.AsSpan(x, 8)), 4);
                        (left + (right - left) * Vector256.Create(weight.AsSpan(x, 8))).CopyTo(output.Slice(x, 8));
                    }
                for (; x < width; x++)
                    output[x] = row[first[x]] + (row[second[x]] - row[first[x]]) * weight[x];
            }
        for (var y = 0; y < height; y++)
            BilinearRows.Blend(across.Slice(rowTaps.First[y] * width, width), across.Slice(rowTaps.Second[y] * width, width),
                rowTaps.Weight[y], result.Slice(y * width, width));
        var resized = result[..(width * height)];
        TensorPrimitives.Max(resized, 0f, resized);
        TensorPrimitives.Min(resized, 1f, resized);
    }
}
