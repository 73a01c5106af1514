using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RenderFarm.Worker.Imaging;

/// <summary>
/// CIELAB (D65) planes of 8-bit sRGB images, and back: L* 0…100, a* green–red, b* blue–yellow. Tables stand in for
/// the sRGB transfer curve and the rest runs eight pixels at a time on vector lanes, so a 512×640 portrait
/// converts in about a millisecond.
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
        var pixels = Pixels(rgba, l.Length);
        if (a.Length < pixels.Length || b.Length < pixels.Length)
            throw new ArgumentException($"Three planes of {pixels.Length} values are needed.");
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= pixels.Length - Lanes; i += Lanes)
            {
                var (lv, av, bv) = LabOf(Vector256.Create(pixels[i..]));
                lv.CopyTo(l[i..]);
                av.CopyTo(a[i..]);
                bv.CopyTo(b[i..]);
            }
            if (i == pixels.Length) return;
            // The last few pixels through the same lanes, so every pixel gets the same arithmetic.
            Span<uint> last = stackalloc uint[Lanes];
            pixels[i..].CopyTo(last);
            var (tl, ta, tb) = LabOf(Vector256.Create<uint>(last));
            var rest = pixels.Length - i;
            Tail(tl, l.Slice(i, rest));
            Tail(ta, a.Slice(i, rest));
            Tail(tb, b.Slice(i, rest));
            return;
        }
        for (; i < pixels.Length; i++)
        {
            var (red, green, blue) = LinearOf(pixels[i]);
            var (fx, fy, fz) = (F(red * XRed + green * XGreen + blue * XBlue), F(red * YRed + green * YGreen + blue * YBlue),
                F(red * ZRed + green * ZGreen + blue * ZBlue));
            (l[i], a[i], b[i]) = (fy * 116f + -16f, (fx - fy) * 500f, (fy - fz) * 200f);
        }
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
        var pixels = Pixels(rgba, l.Length);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= pixels.Length - Lanes; i += Lanes)
                LightnessOf(Vector256.Create(pixels[i..])).CopyTo(l[i..]);
            if (i == pixels.Length) return;
            Span<uint> last = stackalloc uint[Lanes];
            pixels[i..].CopyTo(last);
            Tail(LightnessOf(Vector256.Create<uint>(last)), l[i..pixels.Length]);
            return;
        }
        for (; i < pixels.Length; i++)
        {
            var (red, green, blue) = LinearOf(pixels[i]);
            l[i] = F(red * YRed + green * YGreen + blue * YBlue) * 116f + -16f;
        }
    }

    const int Lanes = 8;

    // The D65 matrix's rows, X and Z divided by the white point's.
    const float XRed = 0.4124f / Xn, XGreen = 0.3576f / Xn, XBlue = 0.1805f / Xn;
    const float YRed = 0.2126f, YGreen = 0.7152f, YBlue = 0.0722f;
    const float ZRed = 0.0193f / Zn, ZGreen = 0.1192f / Zn, ZBlue = 0.9505f / Zn;

    static ReadOnlySpan<uint> Pixels(ReadOnlySpan<byte> rgba, int pixelCount)
    {
        if (rgba.Length < pixelCount * 4)
            throw new ArgumentException($"{pixelCount} pixels need {pixelCount * 4} bytes, not {rgba.Length}.", nameof(rgba));
        return MemoryMarshal.Cast<byte, uint>(rgba[..(pixelCount * 4)]);
    }

    static void Tail(Vector256<float> values, Span<float> into)
    {
        Span<float> all = stackalloc float[Lanes];
        values.CopyTo(all);
        all[..into.Length].CopyTo(into);
    }

    // Eight pixels at a time, each value through the arithmetic the one-pixel path below spells out: the sRGB table,
    // the matrix's products added left to right, f() of X, Y, Z, then the Lab mix. Each pixel's values stay in
    // registers from its bytes to its L*a*b* (whole planes between the steps cost more in memory than in arithmetic).
    static (Vector256<float> L, Vector256<float> A, Vector256<float> B) LabOf(Vector256<uint> pixels)
    {
        var (red, green, blue) = LinearOf(pixels);
        var fx = F(red * XRed + green * XGreen + blue * XBlue);
        var fy = F(red * YRed + green * YGreen + blue * YBlue);
        var fz = F(red * ZRed + green * ZGreen + blue * ZBlue);
        return (fy * 116f + Vector256.Create(-16f), (fx - fy) * 500f, (fy - fz) * 200f);
    }

    static Vector256<float> LightnessOf(Vector256<uint> pixels)
    {
        var (red, green, blue) = LinearOf(pixels);
        return F(red * YRed + green * YGreen + blue * YBlue) * 116f + Vector256.Create(-16f);
    }

    static unsafe (Vector256<float> R, Vector256<float> G, Vector256<float> B) LinearOf(Vector256<uint> pixels)
    {
        var (r, g, b) = PixelLanes.Channels(pixels);
        if (Avx2.IsSupported)
            fixed (float* table = ToLinear)
                return (Avx2.GatherVector256(table, r, 4), Avx2.GatherVector256(table, g, 4), Avx2.GatherVector256(table, b, 4));
        return (Lookup(r), Lookup(g), Lookup(b));

        static Vector256<float> Lookup(Vector256<int> index) => Vector256.Create(
            ToLinear[index[0]], ToLinear[index[1]], ToLinear[index[2]], ToLinear[index[3]],
            ToLinear[index[4]], ToLinear[index[5]], ToLinear[index[6]], ToLinear[index[7]]);
    }

    static (float R, float G, float B) LinearOf(uint pixel) => (ToLinear[(byte)pixel], ToLinear[(byte)(pixel >> 8)], ToLinear[(byte)(pixel >> 16)]);

    /// <summary>
    /// CIELAB's f(t): the cube root, linear near black. The cube root is a guess from the float's bits (its exponent
    /// divided by three), then three Newton steps, each squaring the relative error (3% → 1e-3 → 1e-6 → float
    /// precision). TensorPrimitives.Cbrt calls MathF.Cbrt one value at a time.
    /// </summary>
    static Vector256<float> F(Vector256<float> t)
    {
        var (third, two) = (Vector256.Create(1f / 3), Vector256.Create(2f));
        var y = (Vector256.ConvertToInt32(Vector256.ConvertToSingle(t.AsInt32()) * third) + Vector256.Create(CubeRootGuess)).AsSingle();
        y = (two * y + t / (y * y)) * third;
        y = (two * y + t / (y * y)) * third;
        y = (two * y + t / (y * y)) * third;
        var linear = (Vector256.Create(Kappa) * t + Vector256.Create(16f)) / Vector256.Create(116f);
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(t, Vector256.Create(Epsilon)), linear, y);
    }

    static float F(float t)
    {
        const float Third = 1f / 3;
        var y = BitConverter.Int32BitsToSingle((int)(BitConverter.SingleToInt32Bits(t) * Third) + CubeRootGuess);
        y = (2f * y + t / (y * y)) * Third;
        y = (2f * y + t / (y * y)) * Third;
        y = (2f * y + t / (y * y)) * Third;
        return t <= Epsilon ? (Kappa * t + 16f) / 116f : y;
    }

    // A float's bits divided by three land near its cube root's bits once this is added (the exponent's bias, ×2/3).
    const int CubeRootGuess = 709921077;

    /// <summary>
    /// Writes a run of Lab pixels (a row) into an RGBA buffer from <paramref name="firstPixel"/> on, as
    /// <see cref="Write(float, float, float, byte[], int)"/> does one: the Lab → linear RGB arithmetic on
    /// <see cref="Vector{T}"/> lanes, the sRGB curve's table read by gathers where AVX2 has them.
    /// </summary>
    public static unsafe void Write(ReadOnlySpan<float> l, ReadOnlySpan<float> a, ReadOnlySpan<float> b, byte[] rgba, int firstPixel)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Span<int> index = stackalloc int[3 * Vector<int>.Count];
            var (epsilon, kappa, eight, steps) = (new Vector<float>(Epsilon), new Vector<float>(1 / Kappa), new Vector<float>(8f), new Vector<float>(LinearSteps));
            var (zero, one, half) = (Vector<float>.Zero, Vector<float>.One, new Vector<float>(0.5f));
            // Where the lanes are AVX2's eight, the sRGB curve's table is read by gathers and a pixel's four bytes are
            // put together as one 32-bit lane, so eight pixels are stored at once.
            var gather = Avx2.IsSupported && Vector<int>.Count == Vector256<int>.Count;
            fixed (int* words = FromLinearWords)
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
                    var (ri, gi, bi) = (Vector.ConvertToInt32(Vector.Min(Vector.Max(r, zero), one) * steps + half),
                        Vector.ConvertToInt32(Vector.Min(Vector.Max(g, zero), one) * steps + half),
                        Vector.ConvertToInt32(Vector.Min(Vector.Max(bl, zero), one) * steps + half));
                    if (gather)
                    {
                        var pixels = Avx2.GatherVector256(words, ri.AsVector256(), 4)
                                     | (Avx2.GatherVector256(words, gi.AsVector256(), 4) << 8)
                                     | (Avx2.GatherVector256(words, bi.AsVector256(), 4) << 16)
                                     | Vector256.Create(unchecked((int)0xFF000000));
                        pixels.AsByte().CopyTo(rgba.AsSpan((firstPixel + i) * 4));
                        continue;
                    }
                    ri.CopyTo(index);
                    gi.CopyTo(index[Vector<int>.Count..]);
                    bi.CopyTo(index[(2 * Vector<int>.Count)..]);
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

    // FromLinearTable's bytes as 32-bit words, for gathers.
    static readonly int[] FromLinearWords = Array.ConvertAll(FromLinearTable, level => (int)level);

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
