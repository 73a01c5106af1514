using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// Explainable measurements of a framed photo that the automatic style choice rests on. None of them says anything
/// about who the sitter is (no age, gender or ethnicity): they describe the light, the colour and the composition.
/// <list type="bullet">
/// <item>Colourfulness: Hasler &amp; Süsstrunk (2003), σ(rg,yb) + 0.3·μ(rg,yb) on 0..255 values — about 0 for greys,
/// 15 slightly, 33 moderately, 59+ very colourful.</item>
/// <item>Key: mean luminance of the frame around the face (0 black … 1 white): the light of the scene. The face box is
/// left out so that the sitter's own skin tone does not make a photo "dark".</item>
/// <item>SideLight: how much lighter one half of the face is than the other (CIELAB L* units): light from one side.
/// It compares the sitter's face with itself, so it does not depend on how light or dark their skin is.</item>
/// <item>FaceFill: the face box's share of the frame; Faces: how many faces the photo holds.</item>
/// <item>BackgroundBusy: mean luminance gradient (0..1 per pixel) over the photo's surroundings, outside the person
/// mask; 0 without a mask.</item>
/// </list>
/// </summary>
public sealed record PhotoFeatures(double Colourfulness, double Key, double SideLight, double FaceFill, int Faces, double BackgroundBusy)
{
    public static PhotoFeatures Measure(RgbaImage image, FaceBox? face, int faces, PersonMask? mask)
    {
        var (colourfulness, key) = ColourAndKey(image, face);
        var faceFill = face is null ? 0 : face.Area / (image.Width * (double)image.Height);
        return new PhotoFeatures(colourfulness, key, face is null ? 0 : SideLightOf(image, face), faceFill, faces,
            mask is null ? 0 : BusynessOutside(image, mask));
    }

    // The colour sums are of whole numbers (r − g and r + g − 2b = 2·yb), kept exact in integers, so colourfulness is
    // the same to the last bit as a plain pass in doubles; the key's sum is ΣR, ΣG and ΣB weighted once. The face box
    // is a range of columns in the rows it covers, subtracted from those rows' sums.
    static (double Colourfulness, double Key) ColourAndKey(RgbaImage image, FaceBox? face)
    {
        var (w, h) = (image.Width, image.Height);
        var n = w * h;
        var pixels = MemoryMarshal.Cast<byte, uint>(image.Pixels.AsSpan(0, n * 4));
        var all = ColourSums.Of(pixels);
        long litR = all.R, litG = all.G, litB = all.B, lit = n;
        if (face is not null)
        {
            var (skipFrom, skipTo) = (Math.Max(0, (int)MathF.Ceiling(face.X1)), Math.Min(w, (int)MathF.Ceiling(face.X2)));
            for (var y = Math.Max(0, (int)MathF.Ceiling(face.Y1)); y < h && y < face.Y2 && skipTo > skipFrom; y++)
            {
                var skipped = ColourSums.Of(pixels.Slice(y * w + skipFrom, skipTo - skipFrom));
                (litR, litG, litB, lit) = (litR - skipped.R, litG - skipped.G, litB - skipped.B, lit - (skipTo - skipFrom));
            }
        }
        double meanRg = (double)(all.R - all.G) / n, meanYb = (0.5 * (all.R + all.G) - all.B) / n;
        var sdRgYb = Math.Sqrt(Math.Max(0, (double)all.RgSquares / n - meanRg * meanRg) + Math.Max(0, all.YbTwiceSquares / 4.0 / n - meanYb * meanYb));
        var sumL = (0.2126 * litR + 0.7152 * litG + 0.0722 * litB) / 255;
        return (sdRgYb + 0.3 * Math.Sqrt(meanRg * meanRg + meanYb * meanYb), lit == 0 ? 0.5 : sumL / lit);
    }

    /// <summary>ΣR, ΣG, ΣB, Σ(r − g)² and Σ(r + g − 2b)² of RGBA pixels, on Vector256 lanes of whole numbers.</summary>
    readonly record struct ColourSums(long R, long G, long B, long RgSquares, long YbTwiceSquares)
    {
        // Lane sums of int stay below 2³¹ for this many pixels: 8 lanes × 512 adds of at most 510² each.
        const int Chunk = 4096;

        public static ColourSums Of(ReadOnlySpan<uint> pixels)
        {
            long r = 0, g = 0, b = 0, rg2 = 0, yb2 = 0;
            var i = 0;
            while (i <= pixels.Length - Vector256<uint>.Count)
            {
                var (sumR, sumG, sumB, sumRg2, sumYb2) = (Vector256<int>.Zero, Vector256<int>.Zero, Vector256<int>.Zero, Vector256<int>.Zero, Vector256<int>.Zero);
                var end = Math.Min(pixels.Length, i + Chunk);
                for (; i <= end - Vector256<uint>.Count; i += Vector256<uint>.Count)
                {
                    var (red, green, blue) = PixelLanes.Channels(Vector256.Create(pixels[i..]));
                    var (rg, yb) = (red - green, red + green - blue - blue);
                    (sumR, sumG, sumB) = (sumR + red, sumG + green, sumB + blue);
                    (sumRg2, sumYb2) = (sumRg2 + rg * rg, sumYb2 + yb * yb);
                }
                (r, g, b) = (r + Vector256.Sum(sumR), g + Vector256.Sum(sumG), b + Vector256.Sum(sumB));
                (rg2, yb2) = (rg2 + Vector256.Sum(sumRg2), yb2 + Vector256.Sum(sumYb2));
            }
            for (; i < pixels.Length; i++)
            {
                int red = (byte)pixels[i], green = (byte)(pixels[i] >> 8), blue = (byte)(pixels[i] >> 16);
                (r, g, b) = (r + red, g + green, b + blue);
                (rg2, yb2) = (rg2 + (red - green) * (red - green), yb2 + (red + green - 2 * blue) * (red + green - 2 * blue));
            }
            return new ColourSums(r, g, b, rg2, yb2);
        }
    }

    /// <summary>|mean L* of the face's left half − its right half|, over the middle of the face box (L* of those rows only).</summary>
    static double SideLightOf(RgbaImage image, FaceBox face)
    {
        double left = 0, right = 0;
        int leftCount = 0, rightCount = 0;
        var (top, bottom) = ((int)(face.CentreY - face.Height * 0.3f), (int)(face.CentreY + face.Height * 0.3f));
        var (from, to) = ((int)(face.CentreX - face.Width * 0.4f), (int)(face.CentreX + face.Width * 0.4f));
        var (first, last) = (Math.Max(0, from), Math.Min(image.Width - 1, to));
        if (last < first) return 0;
        var lightness = new float[last - first + 1];
        for (var y = Math.Max(0, top); y <= Math.Min(image.Height - 1, bottom); y++)
        {
            CieLab.LightnessOf(image.Pixels.AsSpan((y * image.Width + first) * 4, lightness.Length * 4), lightness);
            for (var x = first; x <= last; x++)
            {
                if (x < face.CentreX) { left += lightness[x - first]; leftCount++; }
                else { right += lightness[x - first]; rightCount++; }
            }
        }
        return leftCount == 0 || rightCount == 0 ? 0 : Math.Abs(left / leftCount - right / rightCount);
    }

    /// <summary>Mean |∇luminance| (0..1) over pixels the mask calls surroundings; each row's luminance worked out once.</summary>
    static double BusynessOutside(RgbaImage image, PersonMask mask)
    {
        var (w, h, p) = (image.Width, image.Height, image.Pixels);
        double sum = 0;
        var count = 0;
        var (row, below) = (new double[w], new double[w]);
        var pixels = MemoryMarshal.Cast<byte, uint>(p.AsSpan(0, w * h * 4));
        LumaRow(pixels[..w], row);
        for (var y = 0; y < h - 1; y++)
        {
            LumaRow(pixels.Slice((y + 1) * w, w), below);
            var (rowSum, rowCount) = GradientsOutside(row, below, mask.Alpha.AsSpan(y * w, w));
            (sum, count) = (sum + rowSum, count + rowCount);
            (row, below) = (below, row);
        }
        return count == 0 ? 0 : sum / count / 255;
    }

    /// <summary>Σ |right − here| + |below − here| over one row's pixels (its last excepted) whose alpha is 0.2 or less, four at a time.</summary>
    static (double Sum, int Count) GradientsOutside(ReadOnlySpan<double> row, ReadOnlySpan<double> below, ReadOnlySpan<float> alpha)
    {
        var (sums, counted) = (Vector256<double>.Zero, Vector256<long>.Zero);
        var x = 0;
        var person = Vector128.Create(0.2f);
        for (; x <= row.Length - 1 - Vector256<double>.Count; x += Vector256<double>.Count)
        {
            var here = Vector256.Create(row[x..]);
            var gradient = Vector256.Abs(Vector256.Create(row[(x + 1)..]) - here) + Vector256.Abs(Vector256.Create(below[x..]) - here);
            // Lanes of all ones where the pixel is surroundings (not above 0.2), widened from the float lanes to the double ones.
            var outside = ~Vector128.GreaterThan(Vector128.Create(alpha[x..]), person).AsInt32();
            var lanes = Vector256.Create(Vector128.WidenLower(outside), Vector128.WidenUpper(outside));
            sums += gradient & lanes.AsDouble();
            counted -= lanes;
        }
        var (sum, count) = (Vector256.Sum(sums), (int)Vector256.Sum(counted));
        for (; x < row.Length - 1; x++)
        {
            if (alpha[x] > 0.2f) continue;
            sum += Math.Abs(row[x + 1] - row[x]) + Math.Abs(below[x] - row[x]);
            count++;
        }
        return (sum, count);
    }

    /// <summary>A row's luminance in doubles, eight pixels at a time where AVX has lanes of four doubles: the same products added in the same order.</summary>
    static void LumaRow(ReadOnlySpan<uint> pixels, Span<double> luma)
    {
        var x = 0;
        if (Avx.IsSupported)
        {
            var (r, g, b) = (Vector256.Create(0.2126), Vector256.Create(0.7152), Vector256.Create(0.0722));
            for (; x <= pixels.Length - 8; x += 8)
            {
                var (red, green, blue) = PixelLanes.Channels(Vector256.Create(pixels.Slice(x, 8)));
                (r * Avx.ConvertToVector256Double(red.GetLower()) + g * Avx.ConvertToVector256Double(green.GetLower())
                    + b * Avx.ConvertToVector256Double(blue.GetLower())).CopyTo(luma.Slice(x, 4));
                (r * Avx.ConvertToVector256Double(red.GetUpper()) + g * Avx.ConvertToVector256Double(green.GetUpper())
                    + b * Avx.ConvertToVector256Double(blue.GetUpper())).CopyTo(luma.Slice(x + 4, 4));
            }
        }
        for (; x < pixels.Length; x++)
            luma[x] = 0.2126 * (byte)pixels[x] + 0.7152 * (byte)(pixels[x] >> 8) + 0.0722 * (byte)(pixels[x] >> 16);
    }
}
