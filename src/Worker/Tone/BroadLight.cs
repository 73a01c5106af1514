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
    readonly float[]? alpha;
    // Per pixel, the reciprocals of the two sides' blurred weights (0 where a side's weight is ~0 and the other side's
    // average stands in): the divisions of the normalized convolution are done once here, not once per plane.
    readonly float[]? figureInverse, groundInverse;
    readonly bool[]? groundKnown;

    public BroadLight(PersonMask? figure, int width, int height, float sigma)
    {
        lowPass = new LowPass(width, height, sigma);
        if (figure is null) return;
        alpha = new float[figure.Alpha.Length];
        for (var i = 0; i < alpha.Length; i++) alpha[i] = Cutout.Alpha(figure.Alpha[i]);
        var figureWeight = lowPass.Blur(alpha);
        var groundWeight = new float[alpha.Length];
        for (var i = 0; i < alpha.Length; i++) groundWeight[i] = 1 - alpha[i];
        groundWeight = lowPass.Blur(groundWeight);
        (figureInverse, groundInverse, groundKnown) = (new float[alpha.Length], new float[alpha.Length], new bool[alpha.Length]);
        for (var i = 0; i < alpha.Length; i++)
        {
            figureInverse[i] = figureWeight[i] > 1e-3f ? 1 / figureWeight[i] : 0;
            groundInverse[i] = 1 / Math.Max(1e-3f, groundWeight[i]);
            groundKnown[i] = groundWeight[i] > 1e-3f;
        }
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
        var between = new float[lowPass.SmallWidth];
        var (onFigure, onGround) = (new float[width], new float[width]);
        for (var y = 0; y < height; y++)
        {
            lowPass.SampleRow(figure, y, between, onFigure);
            lowPass.SampleRow(ground, y, between, onGround);
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                // Far from one side its weight is ~0: fall back to the other side's average rather than divide by nothing.
                var g = onGround[x] * groundInverse![i];
                var f = figureInverse![i] > 0 ? onFigure[x] * figureInverse[i] : g;
                if (!groundKnown![i]) g = f;
                result[i] = alpha[i] * f + (1 - alpha[i]) * g;
            }
        }
        return result;
    }
}
