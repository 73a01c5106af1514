namespace RenderFarm.Worker.Forge;

/// <summary>
/// Ink: XDoG lines after Winnemöller, Kyprianidis &amp; Olsen (2012), "XDoG: An eXtended difference-of-Gaussians
/// compendium including advanced image stylization", Computers &amp; Graphics 36(6). On luma L:
/// D = (1 + p)·G_σ(L) − p·G_kσ(L), lines = 1 + tanh(φ·(D − ε)) where D &lt; ε, white above (a Clip to 1). The lines
/// multiply a light, desaturated, blurred colour wash on slightly warm paper.
/// </summary>
public static class InkPainterGraph
{
    public const string Name = "ink";
    public const string Description = "Ink: crisp XDoG lines over a pale, desaturated colour wash on warm paper";
    public const string Algorithm =
        "XDoG on Rec.601 luma: σ=1.0, k=1.6, p=20, ε=0.28, φ=10, separable Gaussian convolutions; " +
        "wash = Gaussian σ=3 colour, saturation 0.55, lightened to 1−0.35·(1−C), paper tint (1, 0.96, 0.88); ink (0.10, 0.08, 0.07)";
    public const string References =
        "H. Winnemöller, J. E. Kyprianidis, S. C. Olsen, \"XDoG: An eXtended difference-of-Gaussians compendium including advanced image stylization\", Computers & Graphics 36(6), 2012; " +
        "H. Winnemöller, \"XDoG: Advanced image stylization with eXtended Difference-of-Gaussians\", NPAR 2011";

    // Keep Algorithm above in step with these: it is what the model's metadata says it does.
    const double Sigma = 1.0, K = 1.6;
    // ε sits below mid-grey so that only real edges and the darkest masses ink; φ keeps line edges soft over ~2 px.
    const float P = 20f, Epsilon = 0.28f, Phi = 10f;

    public static ForgedPainter Forge()
    {
        var (graph, photo) = PainterContract.Begin(Name);

        var luma = photo.Luminance();
        var sharpened = luma.Blur(Sigma, channels: 1) * (1f + P) - luma.Blur(K * Sigma, channels: 1) * P;
        var lines = (1f + ((sharpened - Epsilon) * Phi).Tanh()).Clip(0f, 1f);

        var wash = photo.Blur(3.0, channels: 3).Saturate(0.55f);
        var paleWash = (1f - (1f - wash) * 0.35f) * graph.Colour("paper_tint", 1f, 0.96f, 0.88f);
        var ink = graph.Colour("ink", 0.10f, 0.08f, 0.07f);
        var drawn = ink.Lerp(paleWash, lines);

        return PainterContract.Finish(graph, drawn, Name, Description, Algorithm, References);
    }
}
