namespace RenderFarm.Worker.Forge;

/// <summary>
/// Which of a few brush directions each pixel's strokes should follow: the direction along which the picture changes
/// least, read from the smoothed structure tensor J = G_σ * (∇L ∇Lᵀ) (as in Kyprianidis, Kang &amp; Döllner 2009).
/// A stroke laid that way runs along hair, folds and the rim of a face instead of across them, as a painter's does.
/// For each direction u the energy uᵀJu is a 1×1 convolution of (Jxx, Jxy, Jyy); the smallest one wins (ArgMin).
/// The tensor is computed at a quarter of the resolution: the strokes need the flow of the picture, not its detail.
/// </summary>
public static class StrokeOrientation
{
    // Where the picture is flat every direction is as good, and a choice left to noise scatters the strokes into
    // patchwork. This much extra energy on all but the first direction settles such places on one hatching direction;
    // a real edge (Sobel energy ~1 and up on 0..1 luma) outweighs it a hundredfold.
    const float Calm = 0.005f;

    /// <param name="luma">[N,1,H,W] grey picture in 0..1; H and W at least 32.</param>
    /// <param name="directions">Stroke directions as small integer vectors (x right, y down).</param>
    /// <param name="smoothing">σ of the tensor's Gaussian, in quarter-resolution pixels (at most 2: a 32-px picture is 8 there).</param>
    /// <returns>[N,1,H,W]: the index of each pixel's direction in <paramref name="directions"/>, as a float.</returns>
    public static GraphValue ChooseDirection(this GraphValue luma, IReadOnlyList<(int X, int Y)> directions, double smoothing)
    {
        var graph = luma.Graph;
        var count = directions.Count;
        var coarse = luma.AveragePool(4);
        var sobel = graph.Constant("orientation_sobel", [2, 1, 3, 3],
            [-1, 0, 1, -2, 0, 2, -1, 0, 1, -1, -2, -1, 0, 0, 0, 1, 2, 1]);
        var gradient = coarse.PadSpatial(1, "reflect").Conv(sobel);                       // [N,2,h,w]: gx, gy
        var (gx, gy) = (gradient.Channels(0, 1), gradient.Channels(1, 2));
        var tensor = GraphValue.Concat(1, [gx * gx, gx * gy, gy * gy]).Blur(smoothing, channels: 3);

        // uᵀJu = ux²·Jxx + 2·ux·uy·Jxy + uy²·Jyy, one output channel per direction; Calm as the bias.
        var weights = new float[count * 3];
        for (var k = 0; k < count; k++)
        {
            var (ux, uy) = Unit(directions[k]);
            (weights[3 * k], weights[3 * k + 1], weights[3 * k + 2]) = (ux * ux, 2 * ux * uy, uy * uy);
        }
        var calm = graph.Constant("orientation_calm", [count], [.. Enumerable.Range(0, count).Select(k => k == 0 ? 0f : Calm)]);
        var energy = graph.Node("Conv", [tensor, graph.Constant("orientation_energy", [count, 3, 1, 1], weights), calm]);
        // Upsampled before the choice, so the borders between directions run smoothly instead of in 4-px steps.
        return energy.ResizeTo(luma.ShapeWith(count)).ArgMin(1).Cast(OnnxDataType.Float);
    }

    /// <summary>A direction as a unit vector; Sqrt is correctly rounded, so the weights are the same on every machine.</summary>
    public static (float X, float Y) Unit((int X, int Y) direction)
    {
        var length = MathF.Sqrt(direction.X * direction.X + direction.Y * direction.Y);
        return (direction.X / length, direction.Y / length);
    }
}
