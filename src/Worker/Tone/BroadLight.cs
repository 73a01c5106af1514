using RenderFarm.Worker.Figure;

namespace RenderFarm.Worker.Tone;

/// <summary>
/// The broad (low-pass) version of a plane, computed on each side of the figure's cut separately when there is one:
/// α·blur(α·v)/blur(α) + (1−α)·blur((1−α)·v)/blur(1−α), a normalized convolution. A plain blur across the cut would
/// carry the sitter's light into the ground (and the ground's dark into the sitter's edge), and the tone step would
/// paint that as a glowing band around the figure.
/// </summary>
public sealed class BroadLight
{
    readonly int width, height;
    readonly float sigma;
    readonly float[]? alpha, figureWeight, groundWeight;

    public BroadLight(PersonMask? figure, int width, int height, float sigma)
    {
        (this.width, this.height, this.sigma) = (width, height, sigma);
        if (figure is null) return;
        alpha = figure.Alpha.Select(Cutout.Alpha).ToArray();
        figureWeight = LowPass.Blur(alpha, width, height, sigma);
        groundWeight = LowPass.Blur(alpha.Select(a => 1 - a).ToArray(), width, height, sigma);
    }

    public float[] Of(float[] values)
    {
        if (alpha is null) return LowPass.Blur(values, width, height, sigma);
        var onFigure = new float[values.Length];
        var onGround = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            onFigure[i] = values[i] * alpha[i];
            onGround[i] = values[i] * (1 - alpha[i]);
        }
        var (figure, ground) = (LowPass.Blur(onFigure, width, height, sigma), LowPass.Blur(onGround, width, height, sigma));
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            // Far from one side its weight is ~0: fall back to the other side's average rather than divide by nothing.
            var f = figureWeight![i] > 1e-3f ? figure[i] / figureWeight[i] : ground[i] / Math.Max(1e-3f, groundWeight![i]);
            var g = groundWeight![i] > 1e-3f ? ground[i] / groundWeight[i] : f;
            result[i] = alpha[i] * f + (1 - alpha[i]) * g;
        }
        return result;
    }
}
