using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace RenderFarm.Worker.Imaging;

/// <summary>
/// CIELAB (D65) planes of 8-bit sRGB images, and back: L* 0…100, a* green–red, b* blue–yellow. Tables stand in for
/// the sRGB transfer curve and the rest runs on whole planes with SIMD, so a 512×640 portrait
/// converts in a few milliseconds.
/// </summary>
public static class CieLab
{
    // Internal: the tone step's graph (Tone/ToneGraph) does the same arithmetic with the same constants and tables.
    internal const int LinearSteps = 4096;
    internal const float Epsilon = 216f / 24389f, Kappa = 24389f / 27f;
    internal const float Xn = 0.95047f, Zn = 1.08883f;

    /// <summary>sRGB byte → linear light 0..1.</summary>
    internal static readonly float[] ToLinear = Enumerable.Range(0, 256).Select(v => (float)SrgbToLinear(v / 255.0)).ToArray();

    /// <summary>Linear light in <see cref="LinearSteps"/> steps → sRGB byte.</summary>
    internal static readonly byte[] FromLinearTable = Enumerable.Range(0, LinearSteps + 1)
        .Select(i => (byte)Math.Clamp(Math.Round(LinearToSrgb((double)i / LinearSteps) * 255), 0, 255)).ToArray();

    /// <summary>L*, a* and b* of every pixel of an RGBA image, as three planes.</summary>
    public static (float[] L, float[] A, float[] B) Of(byte[] rgba, int pixelCount)
    {
        var (l, a, b) = (new float[pixelCount], new float[pixelCount], new float[pixelCount]);
        Of(rgba, pixelCount, l, a, b);
        return (l, a, b);
    }

    /// <summary>L*, a* and b* of every pixel of an RGBA image, into three given planes.</summary>
    public static void Of(byte[] rgba, int pixelCount, Span<float> l, Span<float> a, Span<float> b) =>
        Of(rgba.AsSpan(0, pixelCount * 4), l[..pixelCount], a[..pixelCount], b[..pixelCount]);

    /// <summary>L*, a* and b* of a run of RGBA pixels (a band of rows), into three planes of one value per pixel.</summary>
    public static void Of(ReadOnlySpan<byte> rgba, Span<float> l, Span<float> a, Span<float> b)
    {
        using var linear = new LinearPlanes(rgba, l.Length);
        Span<float> red = linear.R, green = linear.G, blue = linear.B;
        // X/Xn, Y and Z/Zn into the output planes, then f() of each into the linear planes (no longer needed), and
        // those become L*, a*, b*: a* = 500 (fx − fy), b* = 200 (fy − fz), L* = 116 fy − 16.
        Mix(red, green, blue, 0.4124f / Xn, 0.3576f / Xn, 0.1805f / Xn, a);
        Mix(red, green, blue, 0.2126f, 0.7152f, 0.0722f, l);
        Mix(red, green, blue, 0.0193f / Zn, 0.1192f / Zn, 0.9505f / Zn, b);
        F(a, red);
        F(l, green);
        F(b, blue);
        TensorPrimitives.Subtract(red, green, a);
        TensorPrimitives.Multiply(a, 500f, a);
        TensorPrimitives.Subtract(green, blue, b);
        TensorPrimitives.Multiply(b, 200f, b);
        TensorPrimitives.Multiply(green, 116f, l);
        TensorPrimitives.Add(l, -16f, l);
    }

    /// <summary>L* of every pixel of an RGBA image.</summary>
    public static float[] LightnessOf(byte[] rgba, int pixelCount)
    {
        var l = new float[pixelCount];
        LightnessOf(rgba.AsSpan(0, pixelCount * 4), l);
        return l;
    }

    /// <summary>L* of a run of RGBA pixels (a row or part of one), one value per pixel.</summary>
    public static void LightnessOf(ReadOnlySpan<byte> rgba, Span<float> l)
    {
        using var linear = new LinearPlanes(rgba, l.Length);
        Mix(linear.R, linear.G, linear.B, 0.2126f, 0.7152f, 0.0722f, l);
        F(l, linear.R);
        TensorPrimitives.Multiply(linear.R, 116f, l);
        TensorPrimitives.Add(l, -16f, l);
    }

    /// <summary>An image's linear-light R, G and B planes, in pooled buffers (given back on Dispose).</summary>
    sealed class LinearPlanes : IDisposable
    {
        readonly float[] r, g, b;
        readonly int count;

        public LinearPlanes(ReadOnlySpan<byte> rgba, int pixelCount)
        {
            var pool = ArrayPool<float>.Shared;
            (r, g, b, count) = (pool.Rent(pixelCount), pool.Rent(pixelCount), pool.Rent(pixelCount), pixelCount);
            for (var i = 0; i < pixelCount; i++)
            {
                r[i] = ToLinear[rgba[i * 4]];
                g[i] = ToLinear[rgba[i * 4 + 1]];
                b[i] = ToLinear[rgba[i * 4 + 2]];
            }
        }

        public Span<float> R => r.AsSpan(0, count);
        public Span<float> G => g.AsSpan(0, count);
        public Span<float> B => b.AsSpan(0, count);

        public void Dispose()
        {
            ArrayPool<float>.Shared.Return(r);
            ArrayPool<float>.Shared.Return(g);
            ArrayPool<float>.Shared.Return(b);
        }
    }

    static void Mix(ReadOnlySpan<float> r, ReadOnlySpan<float> g, ReadOnlySpan<float> b, float kr, float kg, float kb, Span<float> result)
    {
        TensorPrimitives.Multiply(r, kr, result);
        TensorPrimitives.MultiplyAdd(g, kg, result, result);
        TensorPrimitives.MultiplyAdd(b, kb, result, result);
    }

    /// <summary>CIELAB's f(t) of every value: the cube root, linear near black.</summary>
    static void F(ReadOnlySpan<float> t, Span<float> result)
    {
        Cbrt(t, result);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (epsilon, kappa, sixteen, divisor) = (new Vector<float>(Epsilon), new Vector<float>(Kappa), new Vector<float>(16f), new Vector<float>(116f));
            for (; i <= t.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var x = new Vector<float>(t[i..]);
                var linear = (kappa * x + sixteen) / divisor;
                Vector.ConditionalSelect(Vector.LessThanOrEqual(x, epsilon), linear, new Vector<float>(result[i..])).CopyTo(result[i..]);
            }
        }
        for (; i < t.Length; i++)
            if (t[i] <= Epsilon) result[i] = (Kappa * t[i] + 16f) / 116f;
    }

    /// <summary>
    /// Cube roots of non-negative values, SIMD: a guess from the float's bits (its exponent divided by three), then
    /// three Newton steps, each squaring the relative error (3% → 1e-3 → 1e-6 → float precision).
    /// TensorPrimitives.Cbrt (System.Numerics.Tensors 9) calls MathF.Cbrt one value at a time.
    /// </summary>
    static void Cbrt(ReadOnlySpan<float> values, Span<float> result)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (third, two, magic) = (new Vector<float>(1f / 3), new Vector<float>(2f), new Vector<int>(709921077));
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var x = new Vector<float>(values[i..]);
                var y = Vector.AsVectorSingle(Vector.ConvertToInt32(Vector.ConvertToSingle(Vector.AsVectorInt32(x)) * third) + magic);
                y = (two * y + x / (y * y)) * third;
                y = (two * y + x / (y * y)) * third;
                y = (two * y + x / (y * y)) * third;
                y.CopyTo(result[i..]);
            }
        }
        for (; i < values.Length; i++) result[i] = MathF.Cbrt(values[i]);
    }

    /// <summary>
    /// Writes a run of Lab pixels (a row) into an RGBA buffer from <paramref name="firstPixel"/> on, as
    /// <see cref="Write(float, float, float, byte[], int)"/> does one: the Lab → linear RGB arithmetic on
    /// <see cref="Vector{T}"/> lanes, only the table lookups of the sRGB curve one value at a time.
    /// </summary>
    public static void Write(ReadOnlySpan<float> l, ReadOnlySpan<float> a, ReadOnlySpan<float> b, byte[] rgba, int firstPixel)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Span<int> index = stackalloc int[3 * Vector<int>.Count];
            var (epsilon, kappa, eight, steps) = (new Vector<float>(Epsilon), new Vector<float>(1 / Kappa), new Vector<float>(8f), new Vector<float>(LinearSteps));
            var (zero, one, half) = (Vector<float>.Zero, Vector<float>.One, new Vector<float>(0.5f));
            for (; i <= l.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var lv = new Vector<float>(l[i..]);
                var fy = (lv + new Vector<float>(16f)) * new Vector<float>(1 / 116f);
                var fx = fy + new Vector<float>(a[i..]) * new Vector<float>(1 / 500f);
                var fz = fy - new Vector<float>(b[i..]) * new Vector<float>(1 / 200f);
                var x = new Vector<float>(Xn) * FInverse(fx, epsilon, kappa);
                var y = Vector.ConditionalSelect(Vector.GreaterThan(lv, eight), fy * fy * fy, lv * kappa);
                var z = new Vector<float>(Zn) * FInverse(fz, epsilon, kappa);
                var r = new Vector<float>(3.2406f) * x - new Vector<float>(1.5372f) * y - new Vector<float>(0.4986f) * z;
                var g = new Vector<float>(-0.9689f) * x + new Vector<float>(1.8758f) * y + new Vector<float>(0.0415f) * z;
                var bl = new Vector<float>(0.0557f) * x - new Vector<float>(0.2040f) * y + new Vector<float>(1.0570f) * z;
                Vector.ConvertToInt32(Vector.Min(Vector.Max(r, zero), one) * steps + half).CopyTo(index);
                Vector.ConvertToInt32(Vector.Min(Vector.Max(g, zero), one) * steps + half).CopyTo(index[Vector<int>.Count..]);
                Vector.ConvertToInt32(Vector.Min(Vector.Max(bl, zero), one) * steps + half).CopyTo(index[(2 * Vector<int>.Count)..]);
                for (var k = 0; k < Vector<float>.Count; k++)
                {
                    var pixel = (firstPixel + i + k) * 4;
                    rgba[pixel] = FromLinearTable[index[k]];
                    rgba[pixel + 1] = FromLinearTable[index[Vector<int>.Count + k]];
                    rgba[pixel + 2] = FromLinearTable[index[2 * Vector<int>.Count + k]];
                    rgba[pixel + 3] = 255;
                }
            }
        }
        for (; i < l.Length; i++) Write(l[i], a[i], b[i], rgba, firstPixel + i);
    }

    static Vector<float> FInverse(Vector<float> f, Vector<float> epsilon, Vector<float> inverseKappa)
    {
        var cube = f * f * f;
        return Vector.ConditionalSelect(Vector.GreaterThan(cube, epsilon), cube, (new Vector<float>(116f) * f - new Vector<float>(16f)) * inverseKappa);
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

    static float FInverse(float f)
    {
        var cube = f * f * f;
        return cube > Epsilon ? cube : (116f * f - 16f) / Kappa;
    }

    static byte FromLinear(float linear) => FromLinearTable[(int)(Math.Clamp(linear, 0f, 1f) * LinearSteps + 0.5f)];

    static double SrgbToLinear(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);

    static double LinearToSrgb(double v) => v <= 0.0031308 ? v * 12.92 : 1.055 * Math.Pow(v, 1 / 2.4) - 0.055;
}
