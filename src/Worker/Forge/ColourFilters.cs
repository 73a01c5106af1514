namespace RenderFarm.Worker.Forge;

/// <summary>Per-pixel colour arithmetic on RGB tensors in 0..1.</summary>
public static class ColourFilters
{
    // Rec. 601 luma weights: the "brightness" a viewer reads a portrait's values by.
    static readonly float[] LumaWeights = [0.299f, 0.587f, 0.114f];

    /// <summary>
    /// [N,3,H,W] → [N,1,H,W] luma: a weighted channel sum. Mul + ReduceSum rather than a 1×1 Conv, which the CPU
    /// provider would run in its blocked layout and pay to reorder back.
    /// </summary>
    public static GraphValue Luminance(this GraphValue rgb) =>
        (rgb * rgb.Graph.Constant("luma_weights", [1, 3, 1, 1], LumaWeights)).ReduceSum(1, keepDims: true);

    /// <summary>Moves each colour towards (saturation &lt; 1) or away from (&gt; 1) its own grey.</summary>
    public static GraphValue Saturate(this GraphValue rgb, float saturation)
    {
        var grey = rgb.Luminance();
        return grey + (rgb - grey) * saturation;
    }

    /// <summary>a + (b − a)·t, t broadcast (a one-channel mask over colours, say).</summary>
    public static GraphValue Lerp(this GraphValue a, GraphValue b, GraphValue t) => a + (b - a) * t;

    /// <summary>0..255 → 0..1, the range the NPR formulas are written for.</summary>
    public static GraphValue ToUnitRange(this GraphValue image) => image * (1f / 255f);

    /// <summary>0..1 → 0..255, clamped as the painter contract promises.</summary>
    public static GraphValue ToByteRange(this GraphValue unit) => (unit * 255f).Clip(0f, 255f);

    /// <summary>A per-channel constant colour [1,3,1,1] to multiply or mix with.</summary>
    public static GraphValue Colour(this GraphBuilder graph, string name, float r, float g, float b) =>
        graph.Constant(name, [1, 3, 1, 1], [r, g, b]);
}
