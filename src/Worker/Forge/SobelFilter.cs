namespace RenderFarm.Worker.Forge;

/// <summary>Gradient magnitude of a one-channel image with the 3×3 Sobel pair, as one two-filter convolution.</summary>
public static class SobelFilter
{
    // Rows of the horizontal derivative kernel, then of its transpose. Divided by 8 they read a ramp of slope s per
    // pixel as s, and a sharp 0→1 step as 0.5 on the pixels either side of it, so gains elsewhere are in those units.
    static readonly float[] Kernels =
    [
        -1, 0, 1, -2, 0, 2, -1, 0, 1,
        -1, -2, -1, 0, 0, 0, 1, 2, 1,
    ];

    public static GraphValue SobelMagnitude(this GraphValue grey)
    {
        var weights = grey.Graph.Constant("sobel", [2, 1, 3, 3], [.. Kernels.Select(k => k / 8f)]);
        var gradients = grey.PadSpatial(1, "reflect").Conv(weights);
        return (gradients * gradients).ReduceSum(1, keepDims: true).Sqrt();
    }
}
