namespace RenderFarm.Worker.Imaging;

/// <summary>
/// Bilinear sampling along one axis: for each output position its two source positions and the second's weight, the
/// output pixel's centre mapped onto the source and clamped to the outermost source centres. Shared by the RGBA and
/// planar scalers (<see cref="BilinearRows"/>) and the guided filter's resize of the coarse mask.
/// </summary>
sealed record BilinearTaps(int[] First, int[] Second, float[] Weight)
{
    public static BilinearTaps Of(int sourceLength, int length)
    {
        var (first, second, weight) = (new int[length], new int[length], new float[length]);
        var step = (float)sourceLength / length;
        for (var i = 0; i < length; i++)
        {
            var at = Math.Clamp((i + 0.5f) * step - 0.5f, 0f, sourceLength - 1);
            first[i] = (int)at;
            second[i] = Math.Min(first[i] + 1, sourceLength - 1);
            weight[i] = at - first[i];
        }
        return new BilinearTaps(first, second, weight);
    }
}
