namespace RenderFarm.Worker.Forge;

/// <summary>
/// Oil: generalized Kuwahara smoothing (Papari, Petkov &amp; Campisi 2007; Kuwahara et al. 1976) flattens the photo into
/// patches of paint with sharp, slightly rounded boundaries, twice — a small radius (four quadrants) cleans up skin and
/// fabric texture, a larger one (eight sectors) lays the patches. A reduced palette (values stepped with Round, the steps dithered by the brush
/// texture so their boundaries break along strokes) and a relief of brush strokes on canvas make it read as paint.
/// </summary>
public static class OilPainterGraph
{
    public const string Name = "oil";
    public const string Description = "Oil paint: generalized Kuwahara patches, reduced palette, brush and canvas relief";
    public const string Algorithm =
        "generalized Kuwahara filter (Gaussian-weighted sectors, q=8): 4 sectors at radius 4, then 8 sectors at radius 6; saturation ×1.15; " +
        "value posterised to 8 levels (Round), dithered by the brush relief, each colour scaled halfway to its stepped value; " +
        "brush-stroke and canvas-weave relief tile (128 px, fixed-seed hash) shading ±6%";
    public const string References =
        "G. Papari, N. Petkov, P. Campisi, \"Artistic edge and corner enhancing smoothing\", IEEE Trans. Image Processing 16(10), 2007; " +
        "M. Kuwahara, K. Hachimura, S. Eiho, M. Kinoshita, \"Processing of RI-angiocardiographic images\", Digital Processing of Biomedical Images, 1976; " +
        "J. E. Kyprianidis, H. Kang, J. Döllner, \"Image and video abstraction by anisotropic Kuwahara filtering\", Computer Graphics Forum 28(7), 2009";

    const int TileSize = 128;
    const float PaletteLevels = 8f;

    public static ForgedPainter Forge()
    {
        var (graph, photo) = PainterContract.Begin(Name);

        // The clean-up pass looks the same with the four quadrants as with eight sectors, for two thirds of the cost.
        var patches = photo.Kuwahara(radius: 4, sectors: 4).Kuwahara(radius: 6, sectors: 8);
        var rich = patches.Saturate(1.15f);

        var relief = graph.Texture("brush_and_canvas_relief", TileSize, BrushAndCanvasTile()).TiledLike(TileSize, photo);
        // The palette is reduced in value only, by scaling each colour towards its stepped value: stepping the
        // channels apart, or adding the same amount to each, would shift hues (olive or grey patches on skin).
        var value = rich.Luminance() + 0.02f;
        var steppedValue = (value * PaletteLevels + relief * 0.35f).Round() / PaletteLevels;
        var palette = rich * (1f + (steppedValue / value - 1f) * 0.5f);
        var painted = palette * (1f + relief * 0.06f);

        return PainterContract.Finish(graph, painted, Name, Description, Algorithm, References);
    }

    /// <summary>Brush strokes over a fine canvas weave, in [−1, 1].</summary>
    static float[] BrushAndCanvasTile()
    {
        var strokes = TextureTiles.BrushStrokeRelief(TileSize, strokes: 260, seed: 0x0111u);
        var weave = TextureTiles.CanvasWeave(TileSize, thread: 2);
        return TextureTiles.Stretch([.. strokes.Select((s, i) => 0.8f * s + 0.2f * weave[i])], -1f, 1f);
    }
}
