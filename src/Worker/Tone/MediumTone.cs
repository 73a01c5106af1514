namespace RenderFarm.Worker.Tone;

/// <summary>
/// How much of the photo's colour a painting in each medium keeps (see <see cref="ToneKeeper"/>): lightness is always
/// the photo's; colour is the artwork's palette glazed over the photo's, more of the photo's on skin.
/// </summary>
/// <param name="ColourKeep">Photo's share of the broad colour everywhere.</param>
/// <param name="SkinColourKeep">Photo's share on pixels coloured like the sitter's face.</param>
/// <param name="FaceDetail">Photo's share of the fine lightness detail at the centre of a face.</param>
public sealed record MediumTone(float ColourKeep, float SkinColourKeep, float FaceDetail)
{
    /// <summary>Oil (and the neural painters): the artwork's palette on clothes and ground, skin close to the sitter's own.</summary>
    public static readonly MediumTone Oil = new(0.4f, 0.85f, 0.4f);

    /// <summary>Watercolor: transparent washes that follow the photo's colours.</summary>
    public static readonly MediumTone Watercolor = new(0.6f, 0.85f, 0.4f);

    /// <summary>
    /// Ink: a print or drawing is the colour of its ink and paper, so the artwork's palette stays whole; engraved
    /// hatching is coarse against a face's features, so more of the photo's detail shows on the face.
    /// </summary>
    public static readonly MediumTone Ink = new(0f, 0f, 0.65f);

    public static MediumTone For(string medium) => medium switch
    {
        "ink" => Ink,
        "watercolor" => Watercolor,
        _ => Oil,
    };
}
