using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Benchmarks;

/// <summary>Paints the manifest's external painters on a simulated GPU that takes <paramref name="perBatch"/> a batch.</summary>
public sealed class SimulatedGpuSource(TimeSpan perBatch) : IBatchPainterSource
{
    public IBatchPainter? TryLoad(PainterDescriptor descriptor) => new SimulatedGpuPainter(descriptor, perBatch);
}
