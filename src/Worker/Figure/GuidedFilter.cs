using System.Buffers;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Figure;

/// <summary>
/// The guided filter (He, Sun &amp; Tang 2010/2013) with the photo's luminance as guide: it snaps the segmenter's coarse
/// mask (256×256 stretched to the canvas, its edge a blur some 15 px wide) to the edges that are really in the photo,
/// so the cut follows a hat brim or a cheek instead of taking a band of the surroundings with it. Box means are
/// separable running sums (<see cref="BoxMean"/>), so the cost is a few passes over the canvas whatever the radius,
/// and the working planes come from a pool.
/// </summary>
public static class GuidedFilter
{
    /// <summary>Window radius (px): about the width of the coarse mask's blurred edge.</summary>
    public const int Radius = 8;

    /// <summary>Regularisation on luminance variance (0..1 units): below it an edge is too faint to follow.</summary>
    public const float Epsilon = 1e-3f;

    public static float[] Refine(float[] mask, RgbaImage guide, int radius = Radius, float epsilon = Epsilon)
    {
        var (w, h) = (guide.Width, guide.Height);
        var n = w * h;
        var box = new BoxMean(w, h, radius);
        var pool = ArrayPool<float>.Shared;
        var planes = Enumerable.Range(0, 7).Select(_ => pool.Rent(n)).ToArray();
        try
        {
            var (grey, product, square) = (planes[0], planes[1], planes[2]);
            var (meanI, meanP, meanIp, meanII) = (planes[3], planes[4], planes[5], planes[6]);
            for (var i = 0; i < n; i++)
            {
                grey[i] = (0.2126f * guide.Pixels[i * 4] + 0.7152f * guide.Pixels[i * 4 + 1] + 0.0722f * guide.Pixels[i * 4 + 2]) / 255f;
                product[i] = grey[i] * mask[i];
                square[i] = grey[i] * grey[i];
            }
            box.Of(grey.AsSpan(0, n), meanI);
            box.Of(mask, meanP);
            box.Of(product.AsSpan(0, n), meanIp);
            box.Of(square.AsSpan(0, n), meanII);
            // The linear coefficients a and b, into the planes the product and square no longer need.
            var (a, b) = (product, square);
            for (var i = 0; i < n; i++)
            {
                var variance = meanII[i] - meanI[i] * meanI[i];
                a[i] = (meanIp[i] - meanI[i] * meanP[i]) / (variance + epsilon);
                b[i] = meanP[i] - a[i] * meanI[i];
            }
            var (meanA, meanB) = (meanIp, meanII);
            box.Of(a.AsSpan(0, n), meanA);
            box.Of(b.AsSpan(0, n), meanB);
            var refined = new float[n];
            for (var i = 0; i < n; i++)
                refined[i] = Math.Clamp(meanA[i] * grey[i] + meanB[i], 0f, 1f);
            return refined;
        }
        finally
        {
            foreach (var plane in planes) pool.Return(plane);
        }
    }
}
