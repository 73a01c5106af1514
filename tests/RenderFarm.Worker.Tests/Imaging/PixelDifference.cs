using RenderFarm.Worker.Imaging;
using SkiaSharp;

namespace RenderFarm.Worker.Tests.Imaging;

/// <summary>How far two images of one size are apart in their colour channels (alpha left out), in 8-bit levels.</summary>
public static class PixelDifference
{
    public static (int Largest, double Mean) Of(RgbaImage a, RgbaImage b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        var (largest, sum) = (0, 0L);
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            if (i % 4 == 3) continue;
            var d = Math.Abs(a.Pixels[i] - b.Pixels[i]);
            (largest, sum) = (Math.Max(largest, d), sum + d);
        }
        return (largest, sum / (a.Pixels.Length * 0.75));
    }

    /// <summary>The same for two encoded images (portraits as the gallery stores them), decoded.</summary>
    public static (int Largest, double Mean) OfEncoded(byte[] a, byte[] b)
    {
        using var first = SKBitmap.Decode(a);
        using var second = SKBitmap.Decode(b);
        Assert.Equal((first.Width, first.Height), (second.Width, second.Height));
        var (largest, sum) = (0, 0L);
        for (var y = 0; y < first.Height; y++)
            for (var x = 0; x < first.Width; x++)
            {
                var (p, q) = (first.GetPixel(x, y), second.GetPixel(x, y));
                foreach (var d in new[] { Math.Abs(p.Red - q.Red), Math.Abs(p.Green - q.Green), Math.Abs(p.Blue - q.Blue) })
                    (largest, sum) = (Math.Max(largest, d), sum + d);
            }
        return (largest, (double)sum / (3.0 * first.Width * first.Height));
    }
}
