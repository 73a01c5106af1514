namespace RenderFarm.Worker.Forge;

/// <summary>
/// Separable Gaussian blur: a horizontal then a vertical 1-D convolution, with reflected borders so the edges of the
/// picture neither darken nor smear. Channels are folded into the batch ([N·C,1,H,W]) so one single-channel kernel
/// serves them all: a plain convolution, fast on every execution provider.
/// </summary>
public static class GaussianBlur
{
    public static GraphValue Blur(this GraphValue image, double sigma, int channels)
    {
        var taps = GaussianKernel.Taps(sigma);
        var radius = taps.Length / 2;
        var graph = image.Graph;
        var planes = channels == 1 ? image : image.Reshape(-1, 1, 0, 0);
        var blurred = planes
            .PadSpatial(radius, "reflect")
            .Conv(graph.Constant(FormattableString.Invariant($"gauss_{sigma:0.##}_x"), [1, 1, 1, taps.Length], taps))
            .Conv(graph.Constant(FormattableString.Invariant($"gauss_{sigma:0.##}_y"), [1, 1, taps.Length, 1], taps));
        return channels == 1 ? blurred : blurred.Reshape(image.Shape());
    }
}
