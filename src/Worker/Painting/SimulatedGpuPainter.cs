using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Painting;

/// <summary>
/// BENCHMARK ONLY. Stands in for a GPU: every batch takes a fixed time (manifest "simulatedBatchMs", e.g. 50 ms)
/// whatever its size, and "paints" by returning the input. It measures how the farm scales, never how it paints.
/// Loaded only for manifest entries whose medium is "simulated".
/// </summary>
public sealed class SimulatedGpuPainter(PainterDescriptor descriptor) : IBatchPainter
{
    public const string Medium = "simulated";

    public PainterDescriptor Descriptor { get; } = descriptor;

    public IReadOnlyList<RgbaImage> PaintBatch(IReadOnlyList<RgbaImage> images)
    {
        Thread.Sleep(Descriptor.SimulatedBatchMs);
        return images;
    }

    public void Dispose() { }
}
