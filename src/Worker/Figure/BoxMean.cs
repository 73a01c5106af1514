using System.Buffers;
using System.Runtime.Intrinsics;

namespace RenderFarm.Worker.Figure;

/// <summary>
/// The mean over the (2r+1)² window around each pixel, clipped to the image: window sums along each row from the row's
/// prefix sums, then down each column as a running sum (the row entering added, the row leaving subtracted), both in
/// doubles so nothing drifts over a canvas (the guided filter subtracts nearly equal means). Two passes whatever the
/// radius; each column's window and its reciprocal width are worked out once; the scratch plane is pooled. Where a
/// window lies inside the row, and along the columns, eight values are done at a time on vector lanes, with the same
/// operations in the same order as one at a time, so the same values.
/// </summary>
public sealed class BoxMean
{
    readonly int width, height, radius;
    readonly int[] left, right;
    readonly double[] inverseWidth;

    public BoxMean(int width, int height, int radius)
    {
        (this.width, this.height, this.radius) = (width, height, radius);
        (left, right, inverseWidth) = (new int[width], new int[width], new double[width]);
        for (var x = 0; x < width; x++)
        {
            (left[x], right[x]) = (Math.Max(0, x - radius), Math.Min(width, x + radius + 1));
            inverseWidth[x] = 1.0 / (right[x] - left[x]);
        }
    }

    public void Of(ReadOnlySpan<float> values, Span<float> mean)
    {
        var (w, h, r) = (width, height, radius);
        var across = ArrayPool<float>.Shared.Rent(w * h);
        var prefix = new double[w + 1];
        var columns = new double[w];
        try
        {
            for (var y = 0; y < h; y++)
            {
                var row = values.Slice(y * w, w);
                for (var x = 0; x < w; x++) prefix[x + 1] = prefix[x] + row[x];
                WindowSums(prefix, across.AsSpan(y * w, w));
            }
            for (var y = 0; y < Math.Min(h, r); y++) Add(across.AsSpan(y * w, w), columns);
            for (var y = 0; y < h; y++)
            {
                if (y + r < h) Add(across.AsSpan((y + r) * w, w), columns);
                if (y - r - 1 >= 0) Subtract(across.AsSpan((y - r - 1) * w, w), columns);
                var rowScale = 1.0 / (Math.Min(h, y + r + 1) - Math.Max(0, y - r));
                var output = mean.Slice(y * w, w);
                Scale(columns, inverseWidth, rowScale, output);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(across);
        }
    }

    // Each pixel's window along its row: the prefix sum at its right end minus the one at its left end. Inside the row
    // (x from radius to width − radius − 1) the two ends are plain runs of the prefix sums, taken eight at a time.
    void WindowSums(double[] prefix, Span<float> sums)
    {
        var x = 0;
        var insideEnd = width - radius; // the first x whose window is cut by the row's right end
        if (Vector256.IsHardwareAccelerated && radius < insideEnd)
        {
            for (; x < radius; x++) sums[x] = (float)(prefix[right[x]] - prefix[left[x]]);
            for (; x <= insideEnd - 8; x += 8)
            {
                var lower = Vector256.Create(prefix.AsSpan(x + radius + 1, 4)) - Vector256.Create(prefix.AsSpan(x - radius, 4));
                var upper = Vector256.Create(prefix.AsSpan(x + radius + 5, 4)) - Vector256.Create(prefix.AsSpan(x - radius + 4, 4));
                Vector256.Narrow(lower, upper).CopyTo(sums[x..]);
            }
        }
        for (; x < width; x++) sums[x] = (float)(prefix[right[x]] - prefix[left[x]]);
    }

    static void Scale(double[] columns, double[] inverseWidths, double rowScale, Span<float> output)
    {
        var x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(rowScale);
            for (; x <= output.Length - 8; x += 8)
            {
                var lower = Vector256.Create(columns.AsSpan(x, 4)) * Vector256.Create(inverseWidths.AsSpan(x, 4)) * scale;
                var upper = Vector256.Create(columns.AsSpan(x + 4, 4)) * Vector256.Create(inverseWidths.AsSpan(x + 4, 4)) * scale;
                Vector256.Narrow(lower, upper).CopyTo(output[x..]);
            }
        }
        for (; x < output.Length; x++) output[x] = (float)(columns[x] * inverseWidths[x] * rowScale);
    }

    static void Add(ReadOnlySpan<float> sums, double[] columns)
    {
        var x = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; x <= sums.Length - 8; x += 8)
            {
                var (lower, upper) = Vector256.Widen(Vector256.Create(sums[x..]));
                (Vector256.Create(columns.AsSpan(x, 4)) + lower).CopyTo(columns.AsSpan(x, 4));
                (Vector256.Create(columns.AsSpan(x + 4, 4)) + upper).CopyTo(columns.AsSpan(x + 4, 4));
            }
        for (; x < sums.Length; x++) columns[x] += sums[x];
    }

    static void Subtract(ReadOnlySpan<float> sums, double[] columns)
    {
        var x = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; x <= sums.Length - 8; x += 8)
            {
                var (lower, upper) = Vector256.Widen(Vector256.Create(sums[x..]));
                (Vector256.Create(columns.AsSpan(x, 4)) - lower).CopyTo(columns.AsSpan(x, 4));
                (Vector256.Create(columns.AsSpan(x + 4, 4)) - upper).CopyTo(columns.AsSpan(x + 4, 4));
            }
        for (; x < sums.Length; x++) columns[x] -= sums[x];
    }
}
