using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RenderFarm.Worker.Imaging;

/// <summary>
/// Bilinear sampling of a crop of an image, a row of output at a time: each output pixel's centre mapped onto the crop,
/// its four nearest source pixels weighted by distance, positions clamped to the crop's outermost pixel centres. A row
/// comes as its R, G, B values (0..255, not rounded), blended from two source rows interpolated across, eight columns
/// at a time (AVX2 gathers of the columns' two source pixels); a source row shared by two output rows is interpolated
/// once. The sinks — planar floats for a network (<see cref="BilinearPlanes"/>), RGBA bytes (<see cref="BilinearImage"/>)
/// — take the rows from here.
/// </summary>
sealed class BilinearRows
{
    readonly RgbaImage source;
    readonly int left, top, width;
    readonly BilinearTaps columns, rows;
    // Two source rows interpolated across (R, G, B each), kept by their row index for the next output row.
    readonly float[] across;
    readonly int[] held = [-1, -1];

    /// <param name="source">The image.</param>
    /// <param name="left">The crop's left column; the crop lies inside the image.</param>
    /// <param name="top">The crop's top row.</param>
    /// <param name="cropWidth">The crop's width.</param>
    /// <param name="cropHeight">The crop's height.</param>
    /// <param name="width">The output's width.</param>
    /// <param name="height">The output's height.</param>
    public BilinearRows(RgbaImage source, int left, int top, int cropWidth, int cropHeight, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (left < 0 || top < 0 || cropWidth < 1 || cropHeight < 1 || left + cropWidth > source.Width || top + cropHeight > source.Height)
            throw new ArgumentOutOfRangeException(nameof(left), $"The crop {cropWidth}x{cropHeight} at ({left},{top}) does not lie inside the {source.Width}x{source.Height} image.");
        (this.source, this.left, this.top, this.width) = (source, left, top, width);
        columns = BilinearTaps.Of(cropWidth, width);
        rows = BilinearTaps.Of(cropHeight, height);
        across = new float[2 * 3 * width];
    }

    /// <summary>Output row <paramref name="y"/>: its R, G and B values one after the other in <paramref name="result"/> (3 × width).</summary>
    public void Row(int y, Span<float> result)
    {
        var upper = Across(rows.First[y], keep: rows.Second[y]);
        var lower = Across(rows.Second[y], keep: rows.First[y]);
        Blend(upper, lower, rows.Weight[y], result[..(3 * width)]);
    }

    /// <summary>
    /// upper + (lower − upper)·weight for each value of <paramref name="result"/>, eight at a time: an output row from
    /// its two source rows (here, and in the guided filter's resize of the coarse mask).
    /// </summary>
    internal static void Blend(ReadOnlySpan<float> upper, ReadOnlySpan<float> lower, float weight, Span<float> result)
    {
        var x = 0;
        if (Vector256.IsHardwareAccelerated)
            for (var w = Vector256.Create(weight); x <= result.Length - 8; x += 8)
            {
                var above = Vector256.Create(upper.Slice(x, 8));
                (above + (Vector256.Create(lower.Slice(x, 8)) - above) * w).CopyTo(result.Slice(x, 8));
            }
        for (; x < result.Length; x++)
            result[x] = upper[x] + (lower[x] - upper[x]) * weight;
    }

    // Crop row `row` interpolated across into one of the two slots: the slot already holding it, else the one not
    // holding `keep` (the other row this output row needs).
    ReadOnlySpan<float> Across(int row, int keep)
    {
        for (var slot = 0; slot < 2; slot++)
            if (held[slot] == row) return across.AsSpan(slot * 3 * width, 3 * width);
        var free = held[0] == keep ? 1 : 0;
        held[free] = row;
        var result = across.AsSpan(free * 3 * width, 3 * width);
        var pixels = MemoryMarshal.Cast<byte, uint>(source.Pixels.AsSpan((top + row) * source.Width * 4, source.Width * 4)).Slice(left);
        Interpolate(pixels, columns, result[..width], result.Slice(width, width), result.Slice(2 * width, width));
        return result;
    }

    static unsafe void Interpolate(ReadOnlySpan<uint> row, BilinearTaps columns, Span<float> red, Span<float> green, Span<float> blue)
    {
        var x = 0;
        if (Avx2.IsSupported)
            fixed (uint* source = row)
                for (; x <= red.Length - 8; x += 8)
                {
                    var left = Avx2.GatherVector256(source, Vector256.Create(columns.First.AsSpan(x, 8)), 4);
                    var right = Avx2.GatherVector256(source, Vector256.Create(columns.Second.AsSpan(x, 8)), 4);
                    var weight = Vector256.Create(columns.Weight.AsSpan(x, 8));
                    var (r0, g0, b0) = PixelLanes.Channels(left);
                    var (r1, g1, b1) = PixelLanes.Channels(right);
                    Lerp(r0, r1, weight).CopyTo(red.Slice(x, 8));
                    Lerp(g0, g1, weight).CopyTo(green.Slice(x, 8));
                    Lerp(b0, b1, weight).CopyTo(blue.Slice(x, 8));
                }
        for (; x < red.Length; x++)
        {
            var (left, right, weight) = (row[columns.First[x]], row[columns.Second[x]], columns.Weight[x]);
            red[x] = Lerp(left & 0xFF, right & 0xFF, weight);
            green[x] = Lerp((left >> 8) & 0xFF, (right >> 8) & 0xFF, weight);
            blue[x] = Lerp((left >> 16) & 0xFF, (right >> 16) & 0xFF, weight);
        }
    }

    static Vector256<float> Lerp(Vector256<int> from, Vector256<int> to, Vector256<float> weight)
    {
        var start = Vector256.ConvertToSingle(from);
        return start + (Vector256.ConvertToSingle(to) - start) * weight;
    }

    static float Lerp(uint from, uint to, float weight) => from + ((float)to - from) * weight;
}
