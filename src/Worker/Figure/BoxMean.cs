using System.Buffers;

namespace RenderFarm.Worker.Figure;

/// <summary>
/// The mean over the (2r+1)² window around each pixel, clipped to the image: window sums along each row from the row's
/// prefix sums, then down each column as a running sum (the row entering added, the row leaving subtracted), both in
/// doubles so nothing drifts over a canvas (the guided filter subtracts nearly equal means). Two passes whatever the
/// radius; each column's window and its reciprocal width are worked out once; the scratch plane is pooled.
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
                var sums = across.AsSpan(y * w, w);
                for (var x = 0; x < w; x++) sums[x] = (float)(prefix[right[x]] - prefix[left[x]]);
            }
            for (var y = 0; y < Math.Min(h, r); y++) Add(across.AsSpan(y * w, w), columns);
            for (var y = 0; y < h; y++)
            {
                if (y + r < h) Add(across.AsSpan((y + r) * w, w), columns);
                if (y - r - 1 >= 0) Subtract(across.AsSpan((y - r - 1) * w, w), columns);
                var rowScale = 1.0 / (Math.Min(h, y + r + 1) - Math.Max(0, y - r));
                var output = mean.Slice(y * w, w);
                for (var x = 0; x < w; x++) output[x] = (float)(columns[x] * inverseWidth[x] * rowScale);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(across);
        }
    }

    static void Add(ReadOnlySpan<float> sums, double[] columns)
    {
        for (var x = 0; x < sums.Length; x++) columns[x] += sums[x];
    }

    static void Subtract(ReadOnlySpan<float> sums, double[] columns)
    {
        for (var x = 0; x < sums.Length; x++) columns[x] -= sums[x];
    }
}
