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

    // Row by row, in the order of a plain pass over the pixels, so the sums are the same to the last bit; the face box
    // is a range of columns in the rows it covers, not a test per pixel.
    static (double Colourfulness, double Key) ColourAndKey(RgbaImage image, FaceBox? face)
    {
        double sumRg = 0, sumYb = 0, sumRg2 = 0, sumYb2 = 0, sumL = 0;
        var (w, h) = (image.Width, image.Height);
        var (n, lit) = (w * h, 0);
        var p = image.Pixels;
        for (var y = 0; y < h; y++)
        {
            var (skipFrom, skipTo) = face is not null && y >= face.Y1 && y < face.Y2
                ? (Math.Max(0, (int)MathF.Ceiling(face.X1)), Math.Min(w, (int)MathF.Ceiling(face.X2)))
                : (0, 0);
            for (var x = 0; x < w; x++)
            {
                var i = y * w + x;
                double r = p[i * 4], g = p[i * 4 + 1], b = p[i * 4 + 2];
                var rg = r - g;
                var yb = 0.5 * (r + g) - b;
                sumRg += rg; sumYb += yb; sumRg2 += rg * rg; sumYb2 += yb * yb;
                if (x >= skipFrom && x < skipTo) continue;
                sumL += (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
                lit++;
            }
        }
        double meanRg = sumRg / n, meanYb = sumYb / n;
        var sdRgYb = Math.Sqrt(Math.Max(0, sumRg2 / n - meanRg * meanRg) + Math.Max(0, sumYb2 / n - meanYb * meanYb));
        return (sdRgYb + 0.3 * Math.Sqrt(meanRg * meanRg + meanYb * meanYb), lit == 0 ? 0.5 : sumL / lit);
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
        for (var x = 0; x < w; x++) row[x] = Luma(p, x);
        for (var y = 0; y < h - 1; y++)
        {
            for (var x = 0; x < w; x++) below[x] = Luma(p, (y + 1) * w + x);
            for (var x = 0; x < w - 1; x++)
            {
                if (mask.Alpha[y * w + x] > 0.2f) continue;
                var here = row[x];
                sum += Math.Abs(row[x + 1] - here) + Math.Abs(below[x] - here);
                count++;
            }
            (row, below) = (below, row);
        }
        return count == 0 ? 0 : sum / count / 255;
    }

    static double Luma(byte[] p, int i) => 0.2126 * p[i * 4] + 0.7152 * p[i * 4 + 1] + 0.0722 * p[i * 4 + 2];
}
