namespace RenderFarm.Worker.Forge;

/// <summary>
/// Watercolor after Bousseau, Kaplan, Thollot &amp; Sillion (2006), "Interactive watercolor rendering with temporal
/// coherence and abstraction" (NPAR), which builds on Curtis et al. (1997), with the wash layering and wet-in-wet
/// edges of Wang et al. (2014), "Towards photo watercolorization with artistic verisimilitude" (IEEE TVCG).
/// <para>
/// The photo is abstracted at half size (a large generalized Kuwahara filter) and laid in a few flat washes
/// (<see cref="WashLayering"/>); where those lose a feature, a second set of smaller, more detailed washes is laid over
/// them — a painter's small brush. The lightest values are left as white paper. At full size the pigment density d
/// rises at the rim of every wash (pigment migrates to the edge of a drying wash), with granulation in the paper's
/// tooth and with low-frequency turbulence, and Bousseau's colour model C' = C − (C − C²)(d − 1) applies it. The darkest
/// small features of the photo are put back as dark accents, and the paper's relief shows in the light areas.
/// </para>
/// </summary>
public static class WatercolorPainterGraph
{
    public const string Name = "watercolor";
    public const string Description = "Watercolor: flat transparent washes pooling dark at their rims, white paper in the lights, granulation";
    public const string Algorithm =
        "at 1/2 size: generalized Kuwahara (8 sectors, radius 4), saturation ×1.25, value (Gaussian σ=3) stepped to 5 washes (70% flat, " +
        "edges hard, wet-in-wet where turbulence is high); detail washes (Kuwahara radius 2, 8 steps, 50% flat) where the washes' value differs " +
        "from them by over 0.04; value above 0.86 left as paper; full size: lightened 0.08 + 0.92·C; Bousseau et al. pigment density " +
        "d = 1 + rim + 2.4·pigment²·(grain − 0.5) + 0.3·(turbulence − 0.5), rim = clamp(12·(G_1.5(steps) − steps)); C' = C − (C − C²)(d − 1); " +
        "dark accents where G_2.5(L) − G_1(L) > 0.012 (×12, up to 70% darker); paper relief 4%, plus 45% in values above 0.72";
    public const string References =
        "A. Bousseau, M. Kaplan, J. Thollot, F. X. Sillion, \"Interactive watercolor rendering with temporal coherence and abstraction\", NPAR 2006; " +
        "C. J. Curtis, S. E. Anderson, J. E. Seims, K. W. Fleischer, D. H. Salesin, \"Computer-generated watercolor\", SIGGRAPH 1997; " +
        "M. Wang, B. Wang, Y. Fei, K. Qian, W. Wang, J. Chen, J.-H. Yong, \"Towards photo watercolorization with artistic verisimilitude\", IEEE TVCG 20(10), 2014; " +
        "G. Papari, N. Petkov, P. Campisi, \"Artistic edge and corner enhancing smoothing\", IEEE Trans. Image Processing 16(10), 2007";

    const int GrainSize = 128;
    // Two turbulence tiles with different periods: their sum repeats only every 560 px, so no grid shows.
    const int TurbulenceA = 80, TurbulenceB = 112;

    // Keep Algorithm above in step with these.
    const float Saturation = 1.25f, PaperFrom = 0.86f, DetailFrom = 0.04f, Lift = 0.92f;
    const float RimGain = 12f, Granulation = 2.4f, TurbulenceGain = 0.3f;
    const float AccentFrom = 0.012f, AccentGain = 12f, AccentDepth = 0.7f;
    const float PaperRelief = 0.04f, BareRelief = 0.45f, BareFrom = 0.72f;

    public static ForgedPainter Forge()
    {
        var (graph, photo) = PainterContract.Begin(Name);

        // 1. Abstraction into washes, at half size: a wash is laid with a big brush and needs no fine detail.
        var half = photo.AveragePool(2);
        var turbulence =
            (graph.Texture("turbulence_a", TurbulenceA, Turbulence(TurbulenceA, 0x7a11u)).TiledLike(TurbulenceA, half) +
             graph.Texture("turbulence_b", TurbulenceB, Turbulence(TurbulenceB, 0x7b22u)).TiledLike(TurbulenceB, half)) * 0.5f;
        var broad = WashLayering.Lay(half.Kuwahara(radius: 4).Saturate(Saturation).Clip(0f, 1f), turbulence,
            valueBlur: 3.0, levels: 5f, flatness: 0.7f);
        // Hertzmann-style refinement with a small brush: where the broad washes lost a feature (their value strays
        // from that of small washes), the small washes are laid instead. This is what keeps a face ~70 px high.
        var small = WashLayering.Lay(half.Kuwahara(radius: 2, sectors: 4).Saturate(Saturation).Clip(0f, 1f), turbulence,
            valueBlur: 0, levels: 8f, flatness: 0.5f);
        var stray = (broad.Colour.Luminance() - small.Colour.Luminance()).Abs().Blur(1.5, channels: 1);
        var detail = ((stray - DetailFrom) * 12f).Clip(0f, 1f);
        var washes = broad.Colour + (small.Colour - broad.Colour) * detail;
        var steps = broad.Steps + (small.Steps - broad.Steps) * detail;
        // The lightest values stay bare paper.
        washes += (1f - washes) * ((broad.Value - PaperFrom) * 10f).Clip(0f, 1f);

        // 2. Full size. Bilinear upsampling leaves the washes' edges soft by a pixel, as paint's are.
        var wash = washes.ResizeTo(photo.Shape());
        var fullSteps = steps.ResizeTo(photo.ShapeWith(1));
        // Transparent pigment on white paper: everything moves a little towards the paper.
        var light = 1f - (1f - wash).Clip(0f, 1f) * Lift;

        // 3. Pigment density. Rim: pigment pools at the edge of a wash on its darker side, where the surroundings are
        // lighter. Granulation grows with the amount of pigment (squared: light skin stays clean, dark washes speckle);
        // the tooth is coarse (4–16 px), since fine speckle on a small face hides it from the face detector.
        var rim = ((fullSteps.Blur(1.5, channels: 1) - fullSteps).Relu() * RimGain).Clip(0f, 1f);
        var grain = graph.Texture("paper_grain", GrainSize, PaperGrain()).TiledLike(GrainSize, photo);
        var pigmentAmount = 1f - light.Luminance();
        var density = 1f + rim + (grain - 0.5f) * (pigmentAmount * pigmentAmount * Granulation)
            + (turbulence.ResizeTo(GraphValue.Concat(0, [graph.Int64s(1, 1), photo.Shape(2, 4)])) - 0.5f) * TurbulenceGain;
        var pigment = light - (light - light * light) * (density - 1f);

        // 4. Dark accents with the tip of the brush: where the photo is darker than its surroundings (eyes, nostrils,
        // the line of the mouth), at the scale of a small face's features.
        var luma = photo.Luminance();
        var accent = ((luma.Blur(2.5, channels: 1) - luma.Blur(1.0, channels: 1) - AccentFrom) * AccentGain).Clip(0f, 1f);
        pigment *= 1f - accent * AccentDepth;

        // 5. The paper's relief, lit from the upper left: faint under the washes, plain in the light areas and bare paper.
        var emboss = graph.Constant("paper_emboss", [1, 1, 3, 3], [-1, 0, 0, 0, 0, 0, 0, 0, 1]);
        var tooth = grain.PadSpatial(1, "reflect").Conv(emboss);
        var bare = ((light.Luminance() - BareFrom) * (1f / (1f - BareFrom))).Clip(0f, 1f);
        pigment *= 1f + tooth * (PaperRelief + bare * BareRelief);

        return PainterContract.Finish(graph, pigment, Name, Description, Algorithm, References);
    }

    /// <summary>Paper tooth: noise at 4, 8 and 16 pixel scales, in [0, 1].</summary>
    static float[] PaperGrain() => TextureTiles.Fractal(GrainSize, 0x9a9e2u, (32, 0.5f), (16, 0.3f), (8, 0.2f));

    /// <summary>Blotchy pigment density: two and four lattice cells across the tile (20–56 pixel blotches), in [0, 1].</summary>
    static float[] Turbulence(int size, uint seed) => TextureTiles.Fractal(size, seed, (2, 0.6f), (4, 0.4f));
}
