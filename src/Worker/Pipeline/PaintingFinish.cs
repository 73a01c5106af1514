using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Tone;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// What happens to a painting after the painter: the sitter's light and skin colour come back from the photo
/// (<see cref="ToneKeeper"/>; even the built-in painters, whose ink and paper lighten a face), and a drawing on paper (ink,
/// watercolor) is laid on its clean paper outside the figure, as a drawn portrait leaves its paper bare, instead of
/// the painter's hatching of the empty ground.
/// </summary>
public static class PaintingFinish
{
    public static RgbaImage Apply(RgbaImage painting, Sitting sitting, PainterDescriptor painter, FaceBox? face, IPartRunner? parts = null)
    {
        var finished = ToneKeeper.Keep(painting, sitting.Image, MediumTone.For(painter.Medium), face, sitting.Mask, parts);
        return OnPaper(finished, sitting);
    }

    /// <summary>A toned painting laid on its clean paper outside the figure, where the sitting's ground is paper.</summary>
    public static RgbaImage OnPaper(RgbaImage toned, Sitting sitting) =>
        sitting is { Mask: { } mask, Ground.IsPaper: true, GroundImage: { } paper }
            ? Cutout.Place(toned, mask, paper)
            : toned;
}
