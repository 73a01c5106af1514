using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Figure;

/// <summary>
/// The guided filter (He, Sun &amp; Tang 2010/2013) with the photo's luminance as guide: it snaps the segmenter's coarse
/// mask (256×256 stretched to the canvas, its edge a blur some 15 px wide) to the edges that are really in the photo,
/// so the cut follows a hat brim or a cheek instead of taking a band of the surroundings with it. Box means come from
/// summed-area tables, so the cost is a few passes over the canvas whatever the radius.
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
        var grey = new float[n];
        for (var i = 0; i < n; i++)
            grey[i] = (0.2126f * guide.Pixels[i * 4] + 0.7152f * guide.Pixels[i * 4 + 1] + 0.0722f * guide.Pixels[i * 4 + 2]) / 255f;
        var product = new float[n];
        var square = new float[n];
        for (var i = 0; i < n; i++)
        {
            product[i] = grey[i] * mask[i];
            square[i] = grey[i] * grey[i];
        }
        var (meanI, meanP, meanIp, meanII) = (BoxMean(grey, w, h, radius), BoxMean(mask, w, h, radius), BoxMean(product, w, h, radius), BoxMean(square, w, h, radius));
        var a = new float[n];
        var b = new float[n];
        for (var i = 0; i < n; i++)
        {
            var variance = meanII[i] - meanI[i] * meanI[i];
            a[i] = (meanIp[i] - meanI[i] * meanP[i]) / (variance + epsilon);
            b[i] = meanP[i] - a[i] * meanI[i];
        }
        var (meanA, meanB) = (BoxMean(a, w, h, radius), BoxMean(b, w, h, radius));
        var refined = new float[n];
        for (var i = 0; i < n; i++)
            refined[i] = Math.Clamp(meanA[i] * grey[i] + meanB[i], 0f, 1f);
        return refined;
    }

    /// <summary>Mean over the (2r+1)² window clipped to the image, from a summed-area table (doubles: no drift).</summary>
    static float[] BoxMean(float[] values, int w, int h, int r)
    {
        var table = new double[(w + 1) * (h + 1)];
        for (var y = 0; y < h; y++)
        {
            double row = 0;
            for (var x = 0; x < w; x++)
            {
                row += values[y * w + x];
                table[(y + 1) * (w + 1) + x + 1] = table[y * (w + 1) + x + 1] + row;
            }
        }
        var mean = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            var (y0, y1) = (Math.Max(0, y - r), Math.Min(h, y + r + 1));
            for (var x = 0; x < w; x++)
            {
                var (x0, x1) = (Math.Max(0, x - r), Math.Min(w, x + r + 1));
                var sum = table[y1 * (w + 1) + x1] - table[y0 * (w + 1) + x1] - table[y1 * (w + 1) + x0] + table[y0 * (w + 1) + x0];
                mean[y * w + x] = (float)(sum / ((x1 - x0) * (y1 - y0)));
            }
        }
        return mean;
    }
}
