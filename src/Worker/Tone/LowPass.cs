namespace RenderFarm.Worker.Tone;

/// <summary>
/// A wide Gaussian blur of a scalar image, computed at a quarter of the resolution: what the tone step needs is the
/// broad light of a face (σ ≈ 12 px), which a 4× smaller image carries as well and blurs 16× cheaper.
/// </summary>
public static class LowPass
{
    public const int Factor = 4;

    public static float[] Blur(float[] values, int width, int height, float sigma)
    {
        var (w, h) = ((width + Factor - 1) / Factor, (height + Factor - 1) / Factor);
        var small = new float[w * h];
        var counts = new int[w * h];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var i = y / Factor * w + x / Factor;
                small[i] += values[y * width + x];
                counts[i]++;
            }
        for (var i = 0; i < small.Length; i++) small[i] /= counts[i];

        var kernel = Kernel(sigma / Factor);
        var blurred = Convolve(Convolve(small, w, h, kernel, horizontal: true), w, h, kernel, horizontal: false);
        return Upsample(blurred, w, h, width, height);
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

    // Edges clamp (repeat the border), so a dark ground does not bleed lighter or darker at the frame's edge.
    static float[] Convolve(float[] source, int w, int h, float[] kernel, bool horizontal)
    {
        var radius = kernel.Length / 2;
        var result = new float[source.Length];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                float sum = 0;
                for (var k = -radius; k <= radius; k++)
                {
                    var (sx, sy) = horizontal ? (Math.Clamp(x + k, 0, w - 1), y) : (x, Math.Clamp(y + k, 0, h - 1));
                    sum += kernel[k + radius] * source[sy * w + sx];
                }
                result[y * w + x] = sum;
            }
        return result;
    }

    // Bilinear, sampling the small image at pixel centres.
    static float[] Upsample(float[] small, int w, int h, int width, int height)
    {
        var result = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            var fy = Math.Clamp((y + 0.5f) / Factor - 0.5f, 0, h - 1);
            var y0 = (int)fy;
            var y1 = Math.Min(y0 + 1, h - 1);
            var ty = fy - y0;
            for (var x = 0; x < width; x++)
            {
                var fx = Math.Clamp((x + 0.5f) / Factor - 0.5f, 0, w - 1);
                var x0 = (int)fx;
                var x1 = Math.Min(x0 + 1, w - 1);
                var tx = fx - x0;
                var top = small[y0 * w + x0] + (small[y0 * w + x1] - small[y0 * w + x0]) * tx;
                var bottom = small[y1 * w + x0] + (small[y1 * w + x1] - small[y1 * w + x0]) * tx;
                result[y * width + x] = top + (bottom - top) * ty;
            }
        }
        return result;
    }
}
