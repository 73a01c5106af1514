using RenderFarm.Worker.Imaging;

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
}
