namespace RenderFarm.Worker.Forge;

/// <summary>
/// Watercolor after Bousseau, Kaplan, Thollot &amp; Sillion (2006), "Interactive watercolor rendering with temporal
/// coherence and abstraction" (NPAR): abstract the photo into washes, lighten it (transparent pigment on white paper),
/// then modulate the pigment density d per pixel and apply their colour model C' = C − (C − C²)(d − 1) on 0..1
/// values (d &gt; 1 darkens a colour the way a thicker layer of the same pigment would, d &lt; 1 thins it). d rises at
/// the rims of washes (edge darkening: pigment migrates to the border of a wet wash), with the paper grain
/// (granulation) and with low-frequency turbulence (uneven pigment dispersion).
/// </summary>
public static class WatercolorPainterGraph
{
    public const string Name = "watercolor";
    public const string Description = "Watercolor: light washes with darker pigment at their edges, paper grain and turbulence";
    public const string Algorithm =
        "abstraction: generalized Kuwahara (8 sectors, radius 3), saturation ×1.2, value stepped towards 6 wash layers (25%), Gaussian σ=1; " +
        "lightened to 1 − 0.85·(1 − C)^1.25; Bousseau et al. pigment density d = 1 + 1.3·edge + 0.2·(grain − 0.5) + 0.2·(turbulence − 0.5), " +
        "edge = clamp(8·max(|Sobel| of the washes, |Sobel| of the simplified photo)); C' = C − (C − C²)(d − 1)";
    public const string References =
        "A. Bousseau, M. Kaplan, J. Thollot, F. X. Sillion, \"Interactive watercolor rendering with temporal coherence and abstraction\", NPAR 2006; " +
        "C. J. Curtis, S. E. Anderson, J. E. Seims, K. W. Fleischer, D. H. Salesin, \"Computer-generated watercolor\", SIGGRAPH 1997; " +
        "G. Papari, N. Petkov, P. Campisi, \"Artistic edge and corner enhancing smoothing\", IEEE Trans. Image Processing 16(10), 2007";

    const int GrainSize = 128;
    // Two turbulence tiles with different periods: their sum repeats only every 560 px, so no grid shows.
    const int TurbulenceA = 80, TurbulenceB = 112;
    const float WashLayers = 6f;

    public static ForgedPainter Forge()
    {
        var (graph, photo) = PainterContract.Begin(Name);

        // A small radius: a face only ~70 px high (a group photo, framed) must keep its eyes and mouth.
        var simplified = photo.Kuwahara(radius: 3).Saturate(1.2f).Clip(0f, 1f);
        // Layered washes: the value falls in a few soft steps, as when a painter glazes wash over dried wash.
        // Scaling each colour to its stepped value keeps its hue.
        var value = simplified.Luminance() + 0.02f;
        var steppedValue = (value * WashLayers).Round() / WashLayers;
        var abstraction = (simplified * (1f + (steppedValue / value - 1f) * 0.25f)).Blur(1.0, channels: 3).Clip(0f, 1f);
        // Transparent pigment on white paper: light and middle values lift towards the paper, darks stay dark enough
        // to hold the features of a small face.
        var wash = 1f - (1f - abstraction).Pow(1.25f) * 0.85f;

        // Pigment gathers at the rims of the washes (the abstraction's edges) and along the features the washes
        // flattened (the simplified photo's edges).
        var rims = abstraction.Luminance().SobelMagnitude().Max(simplified.Luminance().SobelMagnitude());
        var edge = (rims * 8f).Clip(0f, 1f);
        var grain = graph.Texture("paper_grain", GrainSize, PaperGrain()).TiledLike(GrainSize, photo);
        var turbulence =
            (graph.Texture("turbulence_a", TurbulenceA, Turbulence(TurbulenceA, 0x7a11u)).TiledLike(TurbulenceA, photo) +
             graph.Texture("turbulence_b", TurbulenceB, Turbulence(TurbulenceB, 0x7b22u)).TiledLike(TurbulenceB, photo)) * 0.5f;

        // Texture weights stay small: granulation strong enough to read on skin reads as dirt and hides small faces.
        var density = 1f + edge * 1.3f + (grain - 0.5f) * 0.2f + (turbulence - 0.5f) * 0.2f;
        var pigment = wash - (wash - wash * wash) * (density - 1f);

        return PainterContract.Finish(graph, pigment, Name, Description, Algorithm, References);
    }

    /// <summary>Fine paper tooth: noise at 2, 4 and 8 pixel scales, in [0, 1].</summary>
    static float[] PaperGrain() => TextureTiles.Fractal(GrainSize, 0x9a9e2u, (64, 0.5f), (32, 0.3f), (16, 0.2f));

    /// <summary>Blotchy pigment density: two and four lattice cells across the tile (20–56 pixel blotches), in [0, 1].</summary>
    static float[] Turbulence(int size, uint seed) => TextureTiles.Fractal(size, seed, (2, 0.6f), (4, 0.4f));
}
