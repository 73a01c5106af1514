using RenderFarm.ServiceDefaults;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Painting;

namespace RenderFarm.Worker.Tone;

/// <summary>
/// What happens to a painting after the painter: the sitter's light and skin colour come back from the photo
/// (<see cref="ToneKeeper"/>; not for painters that keep them by construction), and a drawing on paper (ink, watercolor) is laid on clean paper outside the figure,
/// as a drawn portrait leaves its paper bare, instead of the painter's hatching of the empty ground.
/// </summary>
public static class PaintingFinish
{
    public static RgbaImage Apply(RgbaImage painting, Sitting sitting, PainterDescriptor painter, FaceBox? face)
    {
        var medium = painter.Medium;
        var finished = painter.KeepsTone ? painting : ToneKeeper.Keep(painting, sitting.Image, MediumTone.For(medium), face);
        return sitting is { Mask: { } mask, Ground: { } ground } && GroundTone.IsPaperMedium(medium)
            ? Cutout.Place(finished, mask, ground)
            : finished;
    }
}
