using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RenderFarm.Worker.Imaging;

/// <summary>
/// A small grid over a full-size plane, one cell per <see cref="Factor"/>×<see cref="Factor"/> block: block means down
/// (<see cref="Reduce(ReadOnlySpan{float}, Span{float})"/>) and bilinear sampling back up at pixel centres
/// (<see cref="SampleRow"/>). Smooth fields — a wide blur, a guided filter's coefficients — carry as well on the small
/// grid and cost a factor² less there; the per-column and per-row sampling weights are worked out once per size.
/// </summary>
public sealed class BlockGrid
{
    readonly float[] inverseCounts;
    readonly int[] column0, column1, row0, row1;
    readonly float[] columnT, rowT;

    static readonly ConcurrentDictionary<(int Width, int Height, int Factor), BlockGrid> Shared = new();

    /// <summary>
    /// The grid for a size, made once and shared (it is read-only): the tone step and the guided filter work on the
    /// canvas's one size, and a new grid's weights are 0.3 MB of new memory per portrait. At most 16 sizes are kept.
    /// </summary>
    public static BlockGrid Of(int width, int height, int factor) =>
        Shared.TryGetValue((width, height, factor), out var grid) ? grid
        : Shared.Count < 16 ? Shared.GetOrAdd((width, height, factor), key => new BlockGrid(key.Width, key.Height, key.Factor))
        : new BlockGrid(width, height, factor);

    public BlockGrid(int width, int height, int factor)
    {
        (Width, Height, Factor) = (width, height, factor);
        (SmallWidth, SmallHeight) = ((width + factor - 1) / factor, (height + factor - 1) / factor);
        inverseCounts = new float[SmallWidth * SmallHeight];
        for (var y = 0; y < SmallHeight; y++)
            for (var x = 0; x < SmallWidth; x++)
                inverseCounts[y * SmallWidth + x] = 1f / (Math.Min(factor, width - x * factor) * Math.Min(factor, height - y * factor));
        (column0, column1, columnT) = SamplingWeights(width, SmallWidth, factor);
        (row0, row1, rowT) = SamplingWeights(height, SmallHeight, factor);
    }

    public int Width { get; }
    public int Height { get; }
    public int Factor { get; }
    public int SmallWidth { get; }
    public int SmallHeight { get; }
    public int SmallLength => SmallWidth * SmallHeight;

    /// <summary>Block means of a full-size plane into the small grid (each row's block summed apart, so no pixel
    /// needs a division to find its cell).</summary>
    public void Reduce(ReadOnlySpan<float> values, Span<float> small)
    {
        small.Clear();
        for (var y = 0; y < Height; y++)
        {
            var cells = small.Slice(y / Factor * SmallWidth, SmallWidth);
            var row = values.Slice(y * Width, Width);
            var cell = BlockSums(row, cells);
            for (; cell < SmallWidth; cell++)
            {
                var block = row[(cell * Factor)..Math.Min(Width, cell * Factor + Factor)];
                var sum = 0f;
                foreach (var value in block) sum += value;
                cells[cell] += sum;
            }
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
            var cell = BlockSums(row, weightRow, cells, weightedCells);
            for (; cell < SmallWidth; cell++)
            {
                var (sum, weightedSum) = (0f, 0f);
                for (var x = cell * Factor; x < Math.Min(Width, cell * Factor + Factor); x++)
                {
                    sum += row[x];
                    weightedSum += row[x] * weightRow[x];
                }
                cells[cell] += sum;
                weightedCells[cell] += weightedSum;
            }
        }
        TensorPrimitives.Multiply(small, inverseCounts, small);
        TensorPrimitives.Multiply(smallWeighted, inverseCounts, smallWeighted);
    }

    // A row's whole blocks eight cells at a time: each cell's k-th value gathered across eight cells and added in the
    // order one cell at a time adds them, so the sums are the same to the last bit. Returns the first cell left to do.
    unsafe int BlockSums(ReadOnlySpan<float> row, Span<float> cells)
    {
        if (!Avx2.IsSupported) return 0;
        var wholeCells = Width / Factor;
        var strides = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) * Factor;
        var cell = 0;
        fixed (float* first = row)
            for (; cell <= wholeCells - 8; cell += 8)
            {
                var sum = Vector256<float>.Zero;
                for (var k = 0; k < Factor; k++)
                    sum += Avx2.GatherVector256(first + cell * Factor + k, strides, 4);
                (Vector256.Create(cells.Slice(cell, 8)) + sum).CopyTo(cells.Slice(cell, 8));
            }
        return cell;
    }

    unsafe int BlockSums(ReadOnlySpan<float> row, ReadOnlySpan<float> weightRow, Span<float> cells, Span<float> weightedCells)
    {
        if (!Avx2.IsSupported) return 0;
        var wholeCells = Width / Factor;
        var strides = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) * Factor;
        var cell = 0;
        fixed (float* first = row, firstWeight = weightRow)
            for (; cell <= wholeCells - 8; cell += 8)
            {
                var (sum, weightedSum) = (Vector256<float>.Zero, Vector256<float>.Zero);
                for (var k = 0; k < Factor; k++)
                {
                    var value = Avx2.GatherVector256(first + cell * Factor + k, strides, 4);
                    sum += value;
                    weightedSum += value * Avx2.GatherVector256(firstWeight + cell * Factor + k, strides, 4);
                }
                (Vector256.Create(cells.Slice(cell, 8)) + sum).CopyTo(cells.Slice(cell, 8));
                (Vector256.Create(weightedCells.Slice(cell, 8)) + weightedSum).CopyTo(weightedCells.Slice(cell, 8));
            }
        return cell;
    }

    /// <summary>
    /// One full-size row of a small-grid plane, bilinear, sampling the small grid at pixel centres: the two small rows
    /// around it are blended once (SIMD), then each pixel blends its two columns.
    /// </summary>
    /// <param name="small">A plane on the small grid.</param>
    /// <param name="y">The full-size row.</param>
    /// <param name="between">Scratch of <see cref="SmallWidth"/> values.</param>
    /// <param name="row">The <see cref="Width"/> values to fill.</param>
    public void SampleRow(ReadOnlySpan<float> small, int y, Span<float> between, Span<float> row)
    {
        TensorPrimitives.Lerp(small.Slice(row0[y] * SmallWidth, SmallWidth), small.Slice(row1[y] * SmallWidth, SmallWidth), rowT[y], between);
        if (Factor == 4 && Width == 4 * SmallWidth && Vector128.IsHardwareAccelerated)
        {
            SampleRowByFours(between, row);
            return;
        }
        if (Factor == 2 && Width == 2 * SmallWidth && SmallWidth > 1)
        {
            SampleRowByTwos(between, row);
            return;
        }
        for (var x = 0; x < row.Length; x++)
        {
            var (left, right) = (between[column0[x]], between[column1[x]]);
            row[x] = left + (right - left) * columnT[x];
        }
    }

    /// <summary>
    /// The columns of a 4× grid whose width divides evenly, four pixels at a time: pixels 4k+2 … 4k+5 lie between small
    /// columns k and k+1 at 1/8, 3/8, 5/8 and 7/8 (the same weights <see cref="SamplingWeights"/> gives them), and the
    /// two pixels at each end take the end column.
    /// </summary>
    static void SampleRowByFours(ReadOnlySpan<float> between, Span<float> row)
    {
        var phases = Vector128.Create(0.125f, 0.375f, 0.625f, 0.875f);
        row[0] = row[1] = between[0];
        for (var k = 0; k < between.Length - 1; k++)
        {
            var left = Vector128.Create(between[k]);
            var right = Vector128.Create(between[k + 1]);
            (left + (right - left) * phases).CopyTo(row[(4 * k + 2)..]);
        }
        row[^2] = row[^1] = between[^1];
    }

    /// <summary>
    /// The columns of a 2× grid whose width divides evenly: pixels 2k+1 and 2k+2 lie between small columns k and k+1 at
    /// 1/4 and 3/4 (the weights <see cref="SamplingWeights"/> gives them), the first and last pixel take the end columns;
    /// with AVX2 eight pixels at a time, each column spread over its two pixels by one permute.
    /// </summary>
    static void SampleRowByTwos(ReadOnlySpan<float> between, Span<float> row)
    {
        row[0] = between[0];
        var k = 0;
        if (Avx2.IsSupported)
        {
            var (pairs, phases) = (Vector256.Create(0, 0, 1, 1, 2, 2, 3, 3), Vector256.Create(0.25f, 0.75f, 0.25f, 0.75f, 0.25f, 0.75f, 0.25f, 0.75f));
            for (; k + 9 <= between.Length; k += 4)
            {
                var left = Avx2.PermuteVar8x32(Vector256.Create(between[k..]), pairs);
                var right = Avx2.PermuteVar8x32(Vector256.Create(between[(k + 1)..]), pairs);
                (left + (right - left) * phases).CopyTo(row[(2 * k + 1)..]);
            }
        }
        for (; k < between.Length - 1; k++)
        {
            var (left, right) = (between[k], between[k + 1]);
            row[2 * k + 1] = left + (right - left) * 0.25f;
            row[2 * k + 2] = left + (right - left) * 0.75f;
        }
        row[^1] = between[^1];
    }

    static (int[] Low, int[] High, float[] T) SamplingWeights(int size, int smallSize, int factor)
    {
        var (low, high, t) = (new int[size], new int[size], new float[size]);
        for (var i = 0; i < size; i++)
        {
            var f = Math.Clamp((i + 0.5f) / factor - 0.5f, 0, smallSize - 1);
            low[i] = (int)f;
            high[i] = Math.Min(low[i] + 1, smallSize - 1);
            t[i] = f - low[i];
        }
        return (low, high, t);
    }
}
