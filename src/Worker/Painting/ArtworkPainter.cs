using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Painting;

/// <summary>
/// Paints "after" one artwork: the shared stylizer with this artwork's style code, computed once when the painter
/// loads, so every batch of this style shares it and no job pays for encoding the artwork.
/// </summary>
public sealed class ArtworkPainter(PainterDescriptor descriptor, Stylizer stylizer, float[] styleCode) : IBatchPainter
{
    public PainterDescriptor Descriptor { get; } = descriptor;

    /// <summary>The artwork's style code ([1,8,64] flattened).</summary>
    public ReadOnlyMemory<float> StyleCode => styleCode;

    public IReadOnlyList<RgbaImage> PaintBatch(IReadOnlyList<RgbaImage> images) =>
        stylizer.Paint(images, styleCode, Math.Max(1, Descriptor.Passes));

    // The stylizer is shared with the other artwork painters; the registry disposes it.
    public void Dispose() { }
}
