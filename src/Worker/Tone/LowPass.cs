using System.Buffers;
using System.Runtime.Intrinsics;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tone;

/// <summary>
/// A wide Gaussian blur of scalar images of one size, computed at a quarter of the resolution: what the tone step needs
/// is the broad light of a face (σ ≈ 12 px), which a 4× smaller image carries as well and blurs 16× cheaper. The three
/// steps are separate (block means → separable Gaussian → bilinear sampling at pixel centres, the first and last on a
/// <see cref="BlockGrid"/>) so that a caller can blur several planes and sample them together in one pass over the
/// full image, with no full-size temporaries.
/// </summary>
public sealed class LowPass
{
    public const int Factor = 4;

    readonly float[] kernel;
    readonly BlockGrid grid;

    public LowPass(int width, int height, float sigma)
    {
        grid = BlockGrid.Of(width, height, Factor);
        kernel = Kernel(sigma / Factor);
    }

    public int Width => grid.Width;
    public int Height => grid.Height;
    public int SmallWidth => grid.SmallWidth;
    public int SmallHeight => grid.SmallHeight;
    public int SmallLength => grid.SmallLength;

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
    public void Reduce(ReadOnlySpan<float> values, Span<float> small) => grid.Reduce(values, small);

    /// <summary>Block means of a plane and of the plane times a weight, in one pass.</summary>
    public void Reduce(ReadOnlySpan<float> values, ReadOnlySpan<float> weights, Span<float> small, Span<float> smallWeighted) =>
        grid.Reduce(values, weights, small, smallWeighted);

    /// <summary>
    /// The Gaussian over the small grid, in place, rows then columns. Edges clamp (repeat the border), so a dark ground
    /// does not bleed lighter or darker at the frame's edge. Each output value is the taps' products added in order
    /// (sum = value·tap + sum), eight outputs at a time: along a row from the row padded at its ends, down the columns
    /// from whole rows of the grid (the row above the top repeating the top one), so no column is copied out.
    /// </summary>
    public void Convolve(Span<float> small)
    {
        var (w, h, radius) = (SmallWidth, SmallHeight, kernel.Length / 2);
        var padded = new float[w + 2 * radius];
        var sum = new float[w];
        for (var y = 0; y < h; y++)
        {
            var row = small.Slice(y * w, w);
            Pad(row, padded, radius);
            sum.AsSpan().Clear();
            for (var k = 0; k < kernel.Length; k++)
                MultiplyAdd(padded.AsSpan(k, w), kernel[k], sum);
            sum.AsSpan().CopyTo(row);
        }
        var rows = ArrayPool<float>.Shared.Rent(w * h);
        try
        {
            small[..(w * h)].CopyTo(rows);
            for (var y = 0; y < h; y++)
            {
                var output = small.Slice(y * w, w);
                output.Clear();
                for (var k = 0; k < kernel.Length; k++)
                    MultiplyAdd(rows.AsSpan(Math.Clamp(y + k - radius, 0, h - 1) * w, w), kernel[k], output);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rows);
        }
    }

    // sum = values·tap + sum, element by element (not fused, as TensorPrimitives.MultiplyAdd computes it).
    static void MultiplyAdd(ReadOnlySpan<float> values, float tap, Span<float> sum)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (var taps = Vector256.Create(tap); i <= sum.Length - 8; i += 8)
                (Vector256.Create(values.Slice(i, 8)) * taps + Vector256.Create(sum.Slice(i, 8))).CopyTo(sum.Slice(i, 8));
        for (; i < sum.Length; i++) sum[i] = values[i] * tap + sum[i];
    }

    /// <summary>One full-size row of the blurred small grid, bilinear at pixel centres (<see cref="BlockGrid.SampleRow"/>).</summary>
    public void SampleRow(ReadOnlySpan<float> small, int y, Span<float> between, Span<float> row) => grid.SampleRow(small, y, between, row);

    static void Pad(ReadOnlySpan<float> line, Span<float> padded, int radius)
    {
        padded[..radius].Fill(line[0]);
        line.CopyTo(padded[radius..]);
        padded.Slice(radius + line.Length, radius).Fill(line[^1]);
    }

    /// <summary>The normalized Gaussian taps, radius ⌈3σ⌉ (at least 1); the tone step's graph uses the same.</summary>
    internal static float[] Kernel(float sigma)
    {
        var radius = Math.Max(1, (int)Math.Ceiling(sigma * 3));
        var kernel = new float[2 * radius + 1];
        for (var i = -radius; i <= radius; i++) kernel[i + radius] = MathF.Exp(-i * i / (2 * sigma * sigma));
        var sum = kernel.Sum();
        for (var i = 0; i < kernel.Length; i++) kernel[i] /= sum;
        return kernel;
    }
}
