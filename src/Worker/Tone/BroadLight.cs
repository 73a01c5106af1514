using RenderFarm.Worker.Figure;

namespace RenderFarm.Worker.Tone;

/// <summary>
/// The broad (low-pass) version of a plane, computed on each side of the figure's cut separately when there is one:
/// α·blur(α·v)/blur(α) + (1−α)·blur((1−α)·v)/blur(1−α), a normalized convolution. A plain blur across the cut would
/// carry the sitter's light into the ground (and the ground's dark into the sitter's edge), and the tone step would
/// paint that as a glowing band around the figure. Both sides come from one pass over the plane: the blur is linear,
/// so the ground's side on the small grid is the whole plane's block means minus the figure's.
/// </summary>
public sealed class BroadLight
{
    readonly LowPass lowPass;
    readonly float[]? alpha, figureWeight, groundWeight;

    public BroadLight(PersonMask? figure, int width, int height, float sigma)
    {
        lowPass = new LowPass(width, height, sigma);
        if (figure is null) return;
        alpha = new float[figure.Alpha.Length];
        for (var i = 0; i < alpha.Length; i++) alpha[i] = Cutout.Alpha(figure.Alpha[i]);
        figureWeight = lowPass.Blur(alpha);
        groundWeight = new float[alpha.Length];
        for (var i = 0; i < alpha.Length; i++) groundWeight[i] = 1 - alpha[i];
        groundWeight = lowPass.Blur(groundWeight);
    }

    public float[] Of(float[] values)
    {
        if (alpha is null) return lowPass.Blur(values);
        var (whole, figure) = (new float[lowPass.SmallLength], new float[lowPass.SmallLength]);
        lowPass.Reduce(values, alpha, whole, figure);
        var ground = whole;
        for (var i = 0; i < ground.Length; i++) ground[i] -= figure[i];
        lowPass.Convolve(figure);
        lowPass.Convolve(ground);
        var (width, height) = (lowPass.Width, lowPass.Height);
        var result = new float[values.Length];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                var (onFigure, onGround) = (lowPass.Sample(figure, x, y), lowPass.Sample(ground, x, y));
                // Far from one side its weight is ~0: fall back to the other side's average rather than divide by nothing.
                var f = figureWeight![i] > 1e-3f ? onFigure / figureWeight[i] : onGround / Math.Max(1e-3f, groundWeight![i]);
                var g = groundWeight![i] > 1e-3f ? onGround / groundWeight[i] : f;
                result[i] = alpha[i] * f + (1 - alpha[i]) * g;
            }
        return result;
    }
}
