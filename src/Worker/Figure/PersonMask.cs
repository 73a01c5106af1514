namespace RenderFarm.Worker.Figure;

/// <summary>
/// How much each canvas pixel belongs to the sitter (0 ground … 1 person), row-major at the canvas size, and the
/// share of the canvas the person covers.
/// </summary>
public sealed record PersonMask(int Width, int Height, float[] Alpha)
{
    public double Coverage => Alpha.Average();
}
