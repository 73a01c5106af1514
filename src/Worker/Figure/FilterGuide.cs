using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Figure;

/// <summary>
/// The guided filter's guide side (<see cref="GuidedFilter"/>): the photo's luminance at full size, and on the
/// coefficients' grid its values, their box means and the box means of their squares. None of it needs the mask, so
/// the segmenter makes it while its model runs (on an idle stage thread where there is one). Its planes come from the
/// pool and go back on Dispose.
/// </summary>
public sealed class FilterGuide : IDisposable
{
    readonly PooledPlanes full;
    readonly PooledPlanes small;

    FilterGuide(RgbaImage image, int radius, IPartRunner parts)
    {
        var (w, h) = (image.Width, image.Height);
        (Width, Height) = (w, h);
        Grid = BlockGrid.Of(w, h, GuidedFilter.Subsample);
        Box = new BoxMean(Grid.SmallWidth, Grid.SmallHeight, Math.Max(1, radius / GuidedFilter.Subsample));
        var n = Grid.SmallLength;
        full = new PooledPlanes(w * h);
        small = new PooledPlanes(n);
        try
        {
            Grey = full.RentArray();
            var grey = Grey;
            parts.Run(RowBands.Count, band =>
            {
                var (first, end) = RowBands.Of(band, h);
                GuidedFilter.Luminance(MemoryMarshal.Cast<byte, uint>(image.Pixels.AsSpan(first * w * 4, (end - first) * w * 4)), grey.AsSpan(first * w, (end - first) * w));
            });
            (Values, MeanValue, MeanSquare) = (small.RentArray(), small.RentArray(), small.RentArray());
            var square = small.RentArray();
            Grid.Reduce(Grey.AsSpan(0, w * h), Values.AsSpan(0, n));
            TensorPrimitives.Multiply(Values.AsSpan(0, n), Values.AsSpan(0, n), square.AsSpan(0, n));
            (float[] Plane, float[] Mean)[] means = [(Values, MeanValue), (square, MeanSquare)];
            parts.Run(means.Length, i => Box.Of(means[i].Plane.AsSpan(0, n), means[i].Mean.AsSpan(0, n)));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The guide of <paramref name="image"/> for windows of <paramref name="radius"/> canvas pixels.</summary>
    public static FilterGuide Of(RgbaImage image, IPartRunner? parts = null, int radius = GuidedFilter.Radius) =>
        new(image, radius, parts ?? InlineParts.Instance);

    public int Width { get; }
    public int Height { get; }

    /// <summary>The coefficients' grid, <see cref="GuidedFilter.Subsample"/>× smaller than the image.</summary>
    public BlockGrid Grid { get; }

    /// <summary>Box means on the grid, over the radius's window.</summary>
    public BoxMean Box { get; }

    /// <summary>Each pixel's luminance, 0..1 (Width × Height values; the array may be longer).</summary>
    public float[] Grey { get; } = [];

    /// <summary>The luminance on the grid, its box means and the box means of its squares (each Grid.SmallLength values).</summary>
    public float[] Values { get; } = [];

    /// <inheritdoc cref="Values"/>
    public float[] MeanValue { get; } = [];

    /// <inheritdoc cref="Values"/>
    public float[] MeanSquare { get; } = [];

    public void Dispose()
    {
        full.Dispose();
        small.Dispose();
    }
}
