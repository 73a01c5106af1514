using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Scheduling;

/// <summary>Something that paints a batch of same-sized images in one go (an ONNX session, or the benchmark's stand-in).</summary>
public interface IBatchPainter : IDisposable
{
    PainterDescriptor Descriptor { get; }

    /// <summary>Paints every image; all have the same width and height. Runs on the caller's thread.</summary>
    IReadOnlyList<RgbaImage> PaintBatch(IReadOnlyList<RgbaImage> images);
}
