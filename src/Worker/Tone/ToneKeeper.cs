using System.Numerics;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tone;

/// <summary>
/// Gives a painting back the broad light and colour of the photo it was painted from, in CIELAB:
/// L* = L*painting − blur(L*painting) + blur(L*photo), and a*, b* the same with the photo's share set by the
/// colour keep (0 keeps the artwork's palette, 1 the photo's). The blur is a Gaussian of <see cref="Sigma"/> px.
/// Style transfer copies the artwork's overall tonality: a dark Rembrandt makes light skin dark, a pale etching makes
/// dark skin pale, a palette without flesh tones turns skin grey or violet. The low frequencies are what make a face
/// read as light or dark, warm or cool; the high ones are the artwork's brushwork and hatching. So the photo supplies
/// the first and the painting keeps the second. Skin keeps its hue more than the rest: wherever the photo's broad
/// colour is close to the colour at the centre of the face (the sitter's own skin, whatever its tone), the colour
/// keep rises toward the skin's own keep, so clothes and ground take the artwork's palette and skin does not.
/// On the face itself some of the photo's fine lightness detail shows through the painter's texture (at its centre
/// the medium's face detail, more for a small face whose eyes are no bigger than the hatching — all of the remaining
/// share at <see cref="SmallFace"/> px and below; fading out at 1.3 face boxes), as the masters finished the face and
/// left the rest loose: hatching or brushwork that buries the eyes would otherwise lose the likeness.
/// Where the sitter was cut out, the broad light is taken on each side of the cut separately (<see cref="BroadLight"/>),
/// so the ground's dark does not bleed into the figure's edge nor the figure's light into the ground. Style transfer
/// also draws a bright rim along strong edges, a halo where the sitter meets the ground; so on the ground near the
/// figure the painter's texture is softened (<see cref="RimBand"/>), not at all from <see cref="RimBand.Reach"/> px out,
/// to <see cref="RimBand.Texture"/> of itself at the figure's edge: the ground turns smooth toward the sitter, as sfumato does.
/// </summary>
public static class ToneKeeper
{
    /// <summary>Blur radius (px on the 512×640 canvas): about the width of an eye, so a face's shading survives.</summary>
    public const float Sigma = 12f;

    /// <summary>Face widths (px) from which the medium's face detail holds, and at which a small face gets half the rest.</summary>
    public const float LargeFace = 150, SmallFace = 60;

    /// <summary>How far (a*b* units) a colour may be from the face's and still count as skin; a Gaussian fall-off.</summary>
    public const float SkinColourReach = 9f;

    public static RgbaImage Keep(RgbaImage painting, RgbaImage photo, MediumTone tone, FaceBox? face = null, PersonMask? figure = null, float sigma = Sigma)
    {
        var (width, height) = (painting.Width, painting.Height);
        var n = width * height;
        using var planes = new PooledPlanes(n);
        Span<float> pl = planes.Rent(), pa = planes.Rent(), pb = planes.Rent();
        Span<float> sl = planes.Rent(), sa = planes.Rent(), sb = planes.Rent();
        CieLab.Of(painting.Pixels, n, pl, pa, pb);
        CieLab.Of(photo.Pixels, n, sl, sa, sb);
        Span<float> photoL = planes.Rent(), photoA = planes.Rent(), photoB = planes.Rent();
        Span<float> paintL = planes.Rent(), paintA = planes.Rent(), paintB = planes.Rent();
        using (var broad = new BroadLight(figure, width, height, sigma))
        {
            broad.Of(sl, photoL);
            broad.Of(sa, photoA);
            broad.Of(sb, photoB);
            broad.Of(pl, paintL);
            broad.Of(pa, paintA);
            broad.Of(pb, paintB);
        }
        var keep = planes.Rent();
        ColourKeep(photoA, photoB, width, face, tone.ColourKeep, tone.SkinColourKeep, keep);
        // Without a face no detail comes through, without a figure all the texture stays: planes of 0 and 1 then, so
        // every pixel takes the same arithmetic.
        var detail = planes.Rent();
        if (face is not null && tone.FaceDetail > 0) FaceWeights(face, width, height, tone.FaceDetail, detail);
        else detail.Clear();
        var rim = planes.Rent();
        if (figure is not null) RimBand.TextureShare(figure, rim);
        else rim.Fill(1f);

        var result = RgbaImage.Allocate(width, height);
        var (rowL, rowA, rowB) = (new float[width], new float[width], new float[width]);
        var (zero, hundred) = (Vector<float>.Zero, new Vector<float>(100f));
        for (var y = 0; y < height; y++)
        {
            var x = 0;
            // Broad light from the photo, broad colour between painting and photo, fine texture from the painting.
            if (Vector.IsHardwareAccelerated)
                for (; x <= width - Vector<float>.Count; x += Vector<float>.Count)
                {
                    var i = y * width + x;
                    var (broadPaintL, broadPhotoL, share) = (new Vector<float>(paintL[i..]), new Vector<float>(photoL[i..]), new Vector<float>(rim[i..]));
                    var texture = new Vector<float>(pl[i..]) - broadPaintL;
                    texture += (new Vector<float>(sl[i..]) - broadPhotoL - texture) * new Vector<float>(detail[i..]);
                    Vector.Min(Vector.Max(broadPhotoL + texture * share, zero), hundred).CopyTo(rowL.AsSpan(x));
                    var (keepV, broadPaintA, broadPaintB) = (new Vector<float>(keep[i..]), new Vector<float>(paintA[i..]), new Vector<float>(paintB[i..]));
                    (broadPaintA + (new Vector<float>(photoA[i..]) - broadPaintA) * keepV + (new Vector<float>(pa[i..]) - broadPaintA) * share).CopyTo(rowA.AsSpan(x));
                    (broadPaintB + (new Vector<float>(photoB[i..]) - broadPaintB) * keepV + (new Vector<float>(pb[i..]) - broadPaintB) * share).CopyTo(rowB.AsSpan(x));
                }
            for (; x < width; x++)
            {
                var i = y * width + x;
                var texture = pl[i] - paintL[i];
                texture += (sl[i] - photoL[i] - texture) * detail[i];
                var share = rim[i];
                rowL[x] = Math.Clamp(photoL[i] + texture * share, 0f, 100f);
                rowA[x] = paintA[i] + (photoA[i] - paintA[i]) * keep[i] + (pa[i] - paintA[i]) * share;
                rowB[x] = paintB[i] + (photoB[i] - paintB[i]) * keep[i] + (pb[i] - paintB[i]) * share;
            }
            CieLab.Write(rowL, rowA, rowB, result.Pixels, y * width);
        }
        return result;
    }

    /// <summary>The photo's share of the broad colour at each pixel: the base keep, raised on skin-coloured pixels.</summary>
    static void ColourKeep(ReadOnlySpan<float> photoA, ReadOnlySpan<float> photoB, int width, FaceBox? face, float colourKeep, float skinColourKeep,
        Span<float> keep)
    {
        keep.Fill(colourKeep);
        if (face is null || skinColourKeep <= colourKeep) return;
        // The face's own colour: the middle of the face box (cheeks, nose), away from hair, eyes and background.
        double sumA = 0, sumB = 0;
        var count = 0;
        var height = photoA.Length / width;
        for (var y = (int)(face.CentreY - face.Height * 0.15f); y <= (int)(face.CentreY + face.Height * 0.15f); y++)
            for (var x = (int)(face.CentreX - face.Width * 0.2f); x <= (int)(face.CentreX + face.Width * 0.2f); x++)
            {
                if (x < 0 || y < 0 || x >= width || y >= height) continue;
                sumA += photoA[y * width + x];
                sumB += photoB[y * width + x];
                count++;
            }
        if (count == 0) return;
        var (skinA, skinB) = ((float)(sumA / count), (float)(sumB / count));
        for (var i = 0; i < keep.Length; i++)
        {
            var (da, db) = (photoA[i] - skinA, photoB[i] - skinB);
            var likeness = MathF.Exp(-(da * da + db * db) / (2 * SkinColourReach * SkinColourReach));
            keep[i] = colourKeep + (skinColourKeep - colourKeep) * likeness;
        }
    }

    /// <summary>The face's detail share at its centre, falling smoothly to 0 at an ellipse 1.3 face boxes wide.</summary>
    static void FaceWeights(FaceBox face, int width, int height, float faceDetail, Span<float> weights)
    {
        weights.Clear();
        var (rx, ry) = (face.Width * 0.65f, face.Height * 0.65f);
        if (rx < 1 || ry < 1) return;
        var smallness = Math.Clamp((LargeFace - face.Width) / (LargeFace - SmallFace), 0f, 1f);
        var centre = faceDetail + (1 - faceDetail) * smallness;
        for (var y = Math.Max(0, (int)(face.CentreY - ry)); y < Math.Min(height, (int)(face.CentreY + ry) + 1); y++)
            for (var x = Math.Max(0, (int)(face.CentreX - rx)); x < Math.Min(width, (int)(face.CentreX + rx) + 1); x++)
            {
                var (dx, dy) = ((x - face.CentreX) / rx, (y - face.CentreY) / ry);
                var d = MathF.Sqrt(dx * dx + dy * dy);
                if (d >= 1) continue;
                var t = 1 - d;
                weights[y * width + x] = centre * t * t * (3 - 2 * t);
            }
    }
}
