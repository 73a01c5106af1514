using System.Numerics.Tensors;

namespace RenderFarm.Worker.Figure;

/// <summary>
/// How much each canvas pixel belongs to the sitter (0 ground … 1 person), row-major at the canvas size, and the
/// share of the canvas the person covers.
/// </summary>
public sealed record PersonMask(int Width, int Height, float[] Alpha)
{
    // On vector lanes: LINQ's Average took ~0.4 ms a call over a canvas's 327 680 values (perf, 2026-12-04), asked twice a job.
    public double Coverage => TensorPrimitives.Sum<float>(Alpha) / Alpha.Length;
}
