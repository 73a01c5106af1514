using RenderFarm.Worker.Faces;

namespace RenderFarm.Worker.Tone;

/// <summary>
/// The per-image numbers the tone step's graph (<see cref="ToneGraph"/>) takes beside the pictures: the medium's colour
/// keeps, the box of whole pixels whose mean is the skin's colour, and the face ellipse of the fine detail, worked out
/// from the face box exactly as <see cref="ToneKeeper"/> does. A part the C# would skip is given so that it adds nothing:
/// no skin → the skin's keep equals the base keep; no face detail → a centre share of 0 over a unit ellipse.
/// </summary>
public static class ToneSitting
{
    public const int ColourKeep = 0, SkinColourKeep = 1, SkinLeft = 2, SkinRight = 3, SkinTop = 4, SkinBottom = 5,
        FaceCentreX = 6, FaceCentreY = 7, FaceRadiusX = 8, FaceRadiusY = 9, FaceDetail = 10;

    public const int Count = 11;

    public static void Write(MediumTone tone, FaceBox? face, Span<float> values)
    {
        values[..Count].Clear();
        values[ColourKeep] = tone.ColourKeep;
        values[SkinColourKeep] = tone.ColourKeep;
        (values[SkinLeft], values[SkinRight]) = (0, -1);
        (values[FaceRadiusX], values[FaceRadiusY]) = (1, 1);
        if (face is null) return;

        if (tone.SkinColourKeep > tone.ColourKeep)
        {
            values[SkinColourKeep] = tone.SkinColourKeep;
            values[SkinLeft] = (int)(face.CentreX - face.Width * 0.2f);
            values[SkinRight] = (int)(face.CentreX + face.Width * 0.2f);
            values[SkinTop] = (int)(face.CentreY - face.Height * 0.15f);
            values[SkinBottom] = (int)(face.CentreY + face.Height * 0.15f);
        }

        var (rx, ry) = (face.Width * 0.65f, face.Height * 0.65f);
        if (tone.FaceDetail <= 0 || rx < 1 || ry < 1) return;
        var smallness = Math.Clamp((ToneKeeper.LargeFace - face.Width) / (ToneKeeper.LargeFace - ToneKeeper.SmallFace), 0f, 1f);
        (values[FaceCentreX], values[FaceCentreY], values[FaceRadiusX], values[FaceRadiusY]) = (face.CentreX, face.CentreY, rx, ry);
        values[FaceDetail] = tone.FaceDetail + (1 - tone.FaceDetail) * smallness;
    }
}
