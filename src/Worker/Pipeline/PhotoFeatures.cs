using RenderFarm.Worker.Painting;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// Explainable measurements of a framed photo that the automatic style choice rests on.
/// Colourfulness is Hasler &amp; Süsstrunk's metric (2003, "Measuring colourfulness in natural images"):
/// σ(rg,yb) + 0.3·μ(rg,yb) on 0..255 values — about 0 for greys, 15 slightly, 33 moderately, 59+ very colourful.
/// Key is the mean luminance (0 black … 1 white); contrast the RMS contrast (standard deviation of luminance, 0..1).
/// </summary>
public sealed record PhotoFeatures(double Colourfulness, double Key, double Contrast, double FaceFill)
{
    public static PhotoFeatures Measure(RgbaImage image, double faceFill = 0)
    {
        double sumRg = 0, sumYb = 0, sumRg2 = 0, sumYb2 = 0, sumL = 0, sumL2 = 0;
        var n = image.Width * image.Height;
        var p = image.Pixels;
        for (var i = 0; i < n; i++)
        {
            double r = p[i * 4], g = p[i * 4 + 1], b = p[i * 4 + 2];
            var rg = r - g;
            var yb = 0.5 * (r + g) - b;
            var l = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
            sumRg += rg; sumYb += yb; sumRg2 += rg * rg; sumYb2 += yb * yb; sumL += l; sumL2 += l * l;
        }
        double meanRg = sumRg / n, meanYb = sumYb / n, meanL = sumL / n;
        var sdRgYb = Math.Sqrt(Math.Max(0, sumRg2 / n - meanRg * meanRg) + Math.Max(0, sumYb2 / n - meanYb * meanYb));
        var colourfulness = sdRgYb + 0.3 * Math.Sqrt(meanRg * meanRg + meanYb * meanYb);
        var contrast = Math.Sqrt(Math.Max(0, sumL2 / n - meanL * meanL));
        return new PhotoFeatures(colourfulness, meanL, contrast, faceFill);
    }
}
