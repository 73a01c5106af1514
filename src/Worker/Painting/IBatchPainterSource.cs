using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Painting;

/// <summary>
/// Paints manifest entries of kind "external", which have no file. The Worker registers none: a process that hosts
/// the Worker adds one (the benchmark's simulated GPU measures how the farm scales without painting anything).
/// </summary>
public interface IBatchPainterSource
{
    /// <summary>The painter for <paramref name="descriptor"/>, or null when this source does not paint it.</summary>
    IBatchPainter? TryLoad(PainterDescriptor descriptor);
}
