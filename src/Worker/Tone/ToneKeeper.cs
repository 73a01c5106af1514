using System.Numerics;
using System.Numerics.Tensors;
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

    public static RgbaImage Keep(RgbaImage painting, RgbaImage photo, MediumTone tone, FaceBox? face = null, PersonMask? figure = null,
        IPartRunner? parts = null, float sigma = Sigma)
    {
        using var prepared = Prepare(photo, tone, face, figure, parts, sigma);
        return Keep(painting, prepared, parts);
    }

    /// <summary>
    /// The photo's side of the step: its L*a*b*, the broad light on each side of the cut, and per pixel the colour keep,
    /// the face's detail share and the rim band's texture share. None of it needs the painting.
    /// </summary>
    public static PhotoTone Prepare(RgbaImage photo, MediumTone tone, FaceBox? face = null, PersonMask? figure = null,
        IPartRunner? parts = null, float sigma = Sigma)
    {
        parts ??= InlineParts.Instance;
        var (width, height) = (photo.Width, photo.Height);
        var n = width * height;
        var broad = new BroadLight(figure, width, height, sigma, parts);
        var planes = new PooledPlanes(n);
        try
        {
            float[] sl = planes.RentArray(), photoL = planes.RentArray(), photoA = planes.RentArray(), photoB = planes.RentArray();
            using (var colour = new PooledPlanes(n))
            {
                float[] sa = colour.RentArray(), sb = colour.RentArray();
                parts.Run(Bands, band =>
                {
                    var (start, length) = Band(band, width, height);
                    CieLab.Of(photo.Pixels.AsSpan(start * 4, length * 4), sl.AsSpan(start, length), sa.AsSpan(start, length), sb.AsSpan(start, length));
                });
                broad.Of([sl, sa, sb], [photoL, photoA, photoB], parts);
            }
            // Without a face no detail comes through, without a figure all the texture stays: planes of 0 and 1 then, so
            // every pixel takes the same arithmetic.
            float[] keep = planes.RentArray(), detail = planes.RentArray(), rim = planes.RentArray();
            var skin = face is not null && tone.SkinColourKeep > tone.ColourKeep ? SkinColour(photoA, photoB, width, height, face) : null;
            parts.Run(Bands + 2, part =>
            {
                if (part < Bands)
                {
                    var (start, length) = Band(part, width, height);
                    ColourKeep(photoA.AsSpan(start, length), photoB.AsSpan(start, length), skin, tone.ColourKeep, tone.SkinColourKeep, keep.AsSpan(start, length));
                }
                else if (part == Bands)
                {
                    if (face is not null && tone.FaceDetail > 0) FaceWeights(face, width, height, tone.FaceDetail, detail.AsSpan(0, n));
                    else detail.AsSpan(0, n).Clear();
                }
                else if (figure is not null) RimBand.TextureShare(figure, rim.AsSpan(0, n));
                else rim.AsSpan(0, n).Fill(1f);
            });
            return new PhotoTone(width, height, broad, planes, sl, photoL, photoA, photoB, keep, detail, rim);
        }
        catch
        {
            broad.Dispose();
            planes.Dispose();
            throw;
        }
    }

    /// <summary>The painting given the prepared photo's broad light and colour (<see cref="Prepare"/>); the painting is not changed.</summary>
    public static RgbaImage Keep(RgbaImage painting, PhotoTone photo, IPartRunner? parts = null)
    {
        parts ??= InlineParts.Instance;
        var (width, height) = (painting.Width, painting.Height);
        if ((width, height) != (photo.Width, photo.Height))
            throw new ArgumentException($"The painting is {width}x{height}, the photo's tone was prepared at {photo.Width}x{photo.Height}.", nameof(painting));
        var n = width * height;
        using var planes = new PooledPlanes(n);
        float[] pl = planes.RentArray(), pa = planes.RentArray(), pb = planes.RentArray();
        parts.Run(Bands, band =>
        {
            var (start, length) = Band(band, width, height);
            CieLab.Of(painting.Pixels.AsSpan(start * 4, length * 4), pl.AsSpan(start, length), pa.AsSpan(start, length), pb.AsSpan(start, length));
        });
        // The painting's broad light is made a row at a time where it is used, from its small grids: no full-size
        // planes of it are written and read back.
        float[][] lab = [pl, pa, pb];
        var grids = new SmallGrids[lab.Length];
        parts.Run(lab.Length, i => grids[i] = photo.Broad.Grids(lab[i].AsSpan(0, n)));

        var result = RgbaImage.Rent(width, height);
        parts.Run(Bands, band =>
        {
            var (first, end) = RowBands.Of(band, height);
            var scratch = photo.Broad.NewRowScratch();
            var (paintL, paintA, paintB) = (new float[width], new float[width], new float[width]);
            var (rowL, rowA, rowB) = (new float[width], new float[width], new float[width]);
            for (var y = first; y < end; y++)
            {
                photo.Broad.Row(grids[0], y, scratch, paintL);
                photo.Broad.Row(grids[1], y, scratch, paintA);
                photo.Broad.Row(grids[2], y, scratch, paintB);
                Combine(y * width, width, pl, pa, pb, photo.Lightness, paintL, paintA, paintB, photo.BroadL, photo.BroadA, photo.BroadB,
                    photo.Keep, photo.Detail, photo.Rim, rowL, rowA, rowB);
                CieLab.Write(rowL, rowA, rowB, result.Pixels, y * width);
            }
        });
        return result;
    }

    const int Bands = RowBands.Count;

    // Pixels [Start, Start + Length) of a band of rows.
    static (int Start, int Length) Band(int band, int width, int height)
    {
        var (first, end) = RowBands.Of(band, height);
        return (first * width, (end - first) * width);
    }

    // One row: broad light from the photo, broad colour between painting and photo, fine texture from the painting.
    // paintL, paintA, paintB are the painting's broad planes' row alone (index x); the rest are whole planes (row + x).
    static void Combine(int row, int width, float[] pl, float[] pa, float[] pb, float[] sl, float[] paintL, float[] paintA, float[] paintB,
        float[] photoL, float[] photoA, float[] photoB, float[] keep, float[] detail, float[] rim, float[] rowL, float[] rowA, float[] rowB)
    {
        var (zero, hundred) = (Vector<float>.Zero, new Vector<float>(100f));
        var x = 0;
        if (Vector.IsHardwareAccelerated)
            for (; x <= width - Vector<float>.Count; x += Vector<float>.Count)
            {
                var i = row + x;
                var (broadPaintL, broadPhotoL, share) = (new Vector<float>(paintL, x), new Vector<float>(photoL, i), new Vector<float>(rim, i));
                var texture = new Vector<float>(pl, i) - broadPaintL;
                texture += (new Vector<float>(sl, i) - broadPhotoL - texture) * new Vector<float>(detail, i);
                Vector.Min(Vector.Max(broadPhotoL + texture * share, zero), hundred).CopyTo(rowL, x);
                var (keepV, broadPaintA, broadPaintB) = (new Vector<float>(keep, i), new Vector<float>(paintA, x), new Vector<float>(paintB, x));
                (broadPaintA + (new Vector<float>(photoA, i) - broadPaintA) * keepV + (new Vector<float>(pa, i) - broadPaintA) * share).CopyTo(rowA, x);
                (broadPaintB + (new Vector<float>(photoB, i) - broadPaintB) * keepV + (new Vector<float>(pb, i) - broadPaintB) * share).CopyTo(rowB, x);
            }
        for (; x < width; x++)
        {
            var i = row + x;
            var texture = pl[i] - paintL[x];
            texture += (sl[i] - photoL[i] - texture) * detail[i];
            var share = rim[i];
            rowL[x] = Math.Clamp(photoL[i] + texture * share, 0f, 100f);
            rowA[x] = paintA[x] + (photoA[i] - paintA[x]) * keep[i] + (pa[i] - paintA[x]) * share;
            rowB[x] = paintB[x] + (photoB[i] - paintB[x]) * keep[i] + (pb[i] - paintB[x]) * share;
        }
    }

    /// <summary>The face's own colour (a*, b*): the middle of the face box (cheeks, nose), away from hair, eyes and background.</summary>
    static (float A, float B)? SkinColour(float[] photoA, float[] photoB, int width, int height, FaceBox face)
    {
        double sumA = 0, sumB = 0;
        var count = 0;
        for (var y = (int)(face.CentreY - face.Height * 0.15f); y <= (int)(face.CentreY + face.Height * 0.15f); y++)
            for (var x = (int)(face.CentreX - face.Width * 0.2f); x <= (int)(face.CentreX + face.Width * 0.2f); x++)
            {
                if (x < 0 || y < 0 || x >= width || y >= height) continue;
                sumA += photoA[y * width + x];
                sumB += photoB[y * width + x];
                count++;
            }
        return count == 0 ? null : ((float)(sumA / count), (float)(sumB / count));
    }

    /// <summary>The photo's share of the broad colour at each pixel: the base keep, raised on pixels coloured like the skin.</summary>
    static void ColourKeep(ReadOnlySpan<float> photoA, ReadOnlySpan<float> photoB, (float A, float B)? skin, float colourKeep, float skinColourKeep,
        Span<float> keep)
    {
        if (skin is not { } face)
        {
            keep.Fill(colourKeep);
            return;
        }
        // likeness = exp(−distance² / 2·reach²), the exponent on Vector<float> lanes and exp by TensorPrimitives; then the keep.
        const float Spread = -1f / (2 * SkinColourReach * SkinColourReach);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (faceA, faceB) = (new Vector<float>(face.A), new Vector<float>(face.B));
            for (; i <= keep.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var (da, db) = (new Vector<float>(photoA[i..]) - faceA, new Vector<float>(photoB[i..]) - faceB);
                ((da * da + db * db) * Spread).CopyTo(keep[i..]);
            }
        }
        for (; i < keep.Length; i++)
        {
            var (da, db) = (photoA[i] - face.A, photoB[i] - face.B);
            keep[i] = (da * da + db * db) * Spread;
        }
        TensorPrimitives.Exp(keep, keep);
        TensorPrimitives.Multiply(keep, skinColourKeep - colourKeep, keep);
        TensorPrimitives.Add(keep, colourKeep, keep);
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
