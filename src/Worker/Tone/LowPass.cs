using System.Numerics.Tensors;

namespace RenderFarm.Worker.Tone;

/// <summary>
/// A wide Gaussian blur of scalar images of one size, computed at a quarter of the resolution: what the tone step needs
/// is the broad light of a face (σ ≈ 12 px), which a 4× smaller image carries as well and blurs 16× cheaper. The three
/// steps are separate (block means → separable Gaussian → bilinear sampling at pixel centres) so that a caller can
/// blur several planes and sample them together in one pass over the full image, with no full-size temporaries; the
/// per-column and per-row sampling weights are worked out once per size.
/// </summary>
public sealed class LowPass
{
    public const int Factor = 4;

    readonly float[] kernel, inverseCounts;
    readonly int[] column0, column1, row0, row1;
    readonly float[] columnT, rowT;

    public LowPass(int width, int height, float sigma)
    {
        (Width, Height) = (width, height);
        (SmallWidth, SmallHeight) = ((width + Factor - 1) / Factor, (height + Factor - 1) / Factor);
        kernel = Kernel(sigma / Factor);
        inverseCounts = new float[SmallWidth * SmallHeight];
        for (var y = 0; y < SmallHeight; y++)
            for (var x = 0; x < SmallWidth; x++)
                inverseCounts[y * SmallWidth + x] = 1f / (Math.Min(Factor, width - x * Factor) * Math.Min(Factor, height - y * Factor));
        (column0, column1, columnT) = SamplingWeights(width, SmallWidth);
        (row0, row1, rowT) = SamplingWeights(height, SmallHeight);
    }

    public int Width { get; }
    public int Height { get; }
    public int SmallWidth { get; }
    public int SmallHeight { get; }
    public int SmallLength => SmallWidth * SmallHeight;

    /// <summary>The blur of a whole plane, at full size.</summary>
    public float[] Blur(ReadOnlySpan<float> values)
    {
        var result = new float[Width * Height];
        Blur(values, result);
        return result;
    }

    /// <summary>The blur of a whole plane into <paramref name="result"/> (which may be <paramref name="values"/> itself).</summary>
    public void Blur(ReadOnlySpan<float> values, Span<float> result)
    {
        var small = new float[SmallLength];
        Reduce(values, small);
        Convolve(small);
        var between = new float[SmallWidth];
        for (var y = 0; y < Height; y++)
            SampleRow(small, y, between, result.Slice(y * Width, Width));
    }

    /// <summary>Block means of a full-size plane into the small grid.</summary>
    public void Reduce(ReadOnlySpan<float> values, Span<float> small)
    {
        small.Clear();
        for (var y = 0; y < Height; y++)
        {
            var cells = small.Slice(y / Factor * SmallWidth, SmallWidth);
            var row = values.Slice(y * Width, Width);
            for (var x = 0; x < Width; x++)
                cells[x / Factor] += row[x];
        }
        TensorPrimitives.Multiply(small, inverseCounts, small);
    }

    /// <summary>Block means of a plane and of the plane times a weight, in one pass.</summary>
    public void Reduce(ReadOnlySpan<float> values, ReadOnlySpan<float> weights, Span<float> small, Span<float> smallWeighted)
    {
        small.Clear();
        smallWeighted.Clear();
        for (var y = 0; y < Height; y++)
        {
            var offset = y / Factor * SmallWidth;
            var cells = small.Slice(offset, SmallWidth);
            var weightedCells = smallWeighted.Slice(offset, SmallWidth);
            var row = values.Slice(y * Width, Width);
            var weightRow = weights.Slice(y * Width, Width);
            for (var x = 0; x < Width; x++)
            {
                cells[x / Factor] += row[x];
                weightedCells[x / Factor] += row[x] * weightRow[x];
            }
        }
        TensorPrimitives.Multiply(small, inverseCounts, small);
        TensorPrimitives.Multiply(smallWeighted, inverseCounts, smallWeighted);
    }

    /// <summary>
    /// The Gaussian over the small grid, in place, rows then columns. Edges clamp (repeat the border), so a dark ground
    /// does not bleed lighter or darker at the frame's edge. Each pass adds whole shifted rows times one tap (SIMD).
    /// </summary>
    public void Convolve(Span<float> small)
    {
        var (w, h, radius) = (SmallWidth, SmallHeight, kernel.Length / 2);
        var padded = new float[Math.Max(w, h) + 2 * radius];
        var sum = new float[Math.Max(w, h)];
        for (var y = 0; y < h; y++)
        {
            var row = small.Slice(y * w, w);
            Pad(row, padded, radius);
            ConvolveLine(padded, sum.AsSpan(0, w));
            sum.AsSpan(0, w).CopyTo(row);
        }
        var column = new float[h];
        for (var x = 0; x < w; x++)
        {
            for (var y = 0; y < h; y++) column[y] = small[y * w + x];
            Pad(column, padded, radius);
            ConvolveLine(padded, sum.AsSpan(0, h));
            for (var y = 0; y < h; y++) small[y * w + x] = sum[y];
        }
    }

    /// <summary>
    /// One full-size row of the blurred small grid, bilinear, sampling the small grid at pixel centres: the two small
    /// rows around it are blended once (SIMD), then each pixel blends its two columns.
    /// </summary>
    /// <param name="small">The blurred small grid.</param>
    /// <param name="y">The full-size row.</param>
    /// <param name="between">Scratch of <see cref="SmallWidth"/> values.</param>
    /// <param name="row">The <see cref="Width"/> values to fill.</param>
    public void SampleRow(ReadOnlySpan<float> small, int y, Span<float> between, Span<float> row)
    {
        TensorPrimitives.Lerp(small.Slice(row0[y] * SmallWidth, SmallWidth), small.Slice(row1[y] * SmallWidth, SmallWidth), rowT[y], between);
        for (var x = 0; x < row.Length; x++)
        {
            var (left, right) = (between[column0[x]], between[column1[x]]);
            row[x] = left + (right - left) * columnT[x];
        }
    }

    void ConvolveLine(ReadOnlySpan<float> padded, Span<float> sum)
    {
        sum.Clear();
        for (var k = 0; k < kernel.Length; k++)
            TensorPrimitives.MultiplyAdd(padded.Slice(k, sum.Length), kernel[k], sum, sum);
    }

    static void Pad(ReadOnlySpan<float> line, Span<float> padded, int radius)
    {
        padded[..radius].Fill(line[0]);
        line.CopyTo(padded[radius..]);
        padded.Slice(radius + line.Length, radius).Fill(line[^1]);
    }

    static float[] Kernel(float sigma)
    {
        var radius = Math.Max(1, (int)Math.Ceiling(sigma * 3));
        var kernel = new float[2 * radius + 1];
        for (var i = -radius; i <= radius; i++) kernel[i + radius] = MathF.Exp(-i * i / (2 * sigma * sigma));
        var sum = kernel.Sum();
        for (var i = 0; i < kernel.Length; i++) kernel[i] /= sum;
        return kernel;
    }

    static (int[] Low, int[] High, float[] T) SamplingWeights(int size, int smallSize)
    {
        var (low, high, t) = (new int[size], new int[size], new float[size]);
        for (var i = 0; i < size; i++)
        {
            var f = Math.Clamp((i + 0.5f) / Factor - 0.5f, 0, smallSize - 1);
            low[i] = (int)f;
            high[i] = Math.Min(low[i] + 1, smallSize - 1);
            t[i] = f - low[i];
        }
        return (low, high, t);
    }
}
