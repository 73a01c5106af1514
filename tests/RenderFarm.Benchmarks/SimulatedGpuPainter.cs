using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Benchmarks;

/// <summary>
/// Stands in for a GPU: every batch takes a fixed time whatever its size, and "paints" by returning the input. It
/// measures how the farm scales, never how it paints.
/// </summary>
public sealed class SimulatedGpuPainter(PainterDescriptor descriptor, TimeSpan perBatch) : IBatchPainter
{
    public PainterDescriptor Descriptor { get; } = descriptor;

    public IReadOnlyList<RgbaImage> PaintBatch(IReadOnlyList<RgbaImage> images)
    {
        Thread.Sleep(perBatch);
        return images;
    }

    public void Dispose() { }
}
