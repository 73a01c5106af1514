namespace RenderFarm.Worker.Imaging;

/// <summary>
/// CIELAB (D65) planes of 8-bit sRGB images, and back: L* 0…100, a* green–red, b* blue–yellow. Tables stand in for
/// the sRGB transfer curve so a 512×640 portrait converts in a few milliseconds.
/// </summary>
public static class CieLab
{
    const int LinearSteps = 4096;
    const float Epsilon = 216f / 24389f, Kappa = 24389f / 27f;
    const float Xn = 0.95047f, Zn = 1.08883f;

    /// <summary>sRGB byte → linear light 0..1.</summary>
    static readonly float[] ToLinear = Enumerable.Range(0, 256).Select(v => (float)SrgbToLinear(v / 255.0)).ToArray();

    static readonly byte[] FromLinearTable = Enumerable.Range(0, LinearSteps + 1)
        .Select(i => (byte)Math.Clamp(Math.Round(LinearToSrgb((double)i / LinearSteps) * 255), 0, 255)).ToArray();

    /// <summary>L*, a* and b* of every pixel of an RGBA image, as three planes.</summary>
    public static (float[] L, float[] A, float[] B) Of(byte[] rgba, int pixelCount)
    {
        var (l, a, b) = (new float[pixelCount], new float[pixelCount], new float[pixelCount]);
        for (var i = 0; i < pixelCount; i++)
        {
            float r = ToLinear[rgba[i * 4]], g = ToLinear[rgba[i * 4 + 1]], bl = ToLinear[rgba[i * 4 + 2]];
            var fx = F((0.4124f * r + 0.3576f * g + 0.1805f * bl) / Xn);
            var fy = F(0.2126f * r + 0.7152f * g + 0.0722f * bl);
            var fz = F((0.0193f * r + 0.1192f * g + 0.9505f * bl) / Zn);
            l[i] = 116f * fy - 16f;
            a[i] = 500f * (fx - fy);
            b[i] = 200f * (fy - fz);
        }
        return (l, a, b);
    }

    /// <summary>L* of every pixel of an RGBA image.</summary>
    public static float[] LightnessOf(byte[] rgba, int pixelCount)
    {
        var l = new float[pixelCount];
        for (var i = 0; i < pixelCount; i++)
        {
            float r = ToLinear[rgba[i * 4]], g = ToLinear[rgba[i * 4 + 1]], b = ToLinear[rgba[i * 4 + 2]];
            l[i] = 116f * F(0.2126f * r + 0.7152f * g + 0.0722f * b) - 16f;
        }
        return l;
    }

    /// <summary>Writes one Lab pixel into an RGBA buffer; out-of-gamut colours are clamped per channel.</summary>
    public static void Write(float l, float a, float b, byte[] rgba, int pixel)
    {
        var fy = (l + 16f) / 116f;
        var fx = fy + a / 500f;
        var fz = fy - b / 200f;
        var x = Xn * FInverse(fx);
        var y = l > 8f ? fy * fy * fy : l / Kappa;
        var z = Zn * FInverse(fz);
        rgba[pixel * 4] = FromLinear(3.2406f * x - 1.5372f * y - 0.4986f * z);
        rgba[pixel * 4 + 1] = FromLinear(-0.9689f * x + 1.8758f * y + 0.0415f * z);
        rgba[pixel * 4 + 2] = FromLinear(0.0557f * x - 0.2040f * y + 1.0570f * z);
        rgba[pixel * 4 + 3] = 255;
    }

    static float F(float t) => t > Epsilon ? MathF.Cbrt(t) : (Kappa * t + 16f) / 116f;

    static float FInverse(float f)
    {
        var cube = f * f * f;
        return cube > Epsilon ? cube : (116f * f - 16f) / Kappa;
    }

    static byte FromLinear(float linear) => FromLinearTable[(int)(Math.Clamp(linear, 0f, 1f) * LinearSteps + 0.5f)];

    static double SrgbToLinear(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);

    static double LinearToSrgb(double v) => v <= 0.0031308 ? v * 12.92 : 1.055 * Math.Pow(v, 1 / 2.4) - 0.055;
}
