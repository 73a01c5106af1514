namespace RenderFarm.Worker.Forge;

/// <summary>
/// Oil: painterly rendering with brush strokes of several sizes, after Hertzmann (1998), "Painterly rendering with
/// curved brush strokes of multiple sizes" (SIGGRAPH). A broad brush covers the canvas first; each finer brush then
/// paints only where the canvas so far strays from a sharper reference — so the background stays in broad strokes and
/// the eyes, mouth and hair edges get small ones, as in an alla-prima portrait sketch.
/// <para>
/// Every stroke is laid in one colour, fetched from its centre (<see cref="BrushStrokeField"/>, <see cref="PixelLookup"/>),
/// and runs along the forms (<see cref="StrokeOrientation"/>). Each stroke's colour is stepped to one of a few values
/// (planes of light and shadow, as a painter mixes a few tones) and varied a little. Last comes the paint surface: the
/// warm ground shows at the thin edges of strokes, the strokes' height is lit from the upper left (impasto, with
/// highlights on the ridges), over a canvas weave, and the shadows are warmed towards umber.
/// </para>
/// </summary>
public static class OilPainterGraph
{
    public const string Name = "oil";
    public const string Description = "Oil paint: brush strokes of four sizes following the forms, planes of colour, impasto relief on canvas";
    public const string Algorithm =
        "Hertzmann-style layered strokes, colour fetched at each stroke's centre (GatherElements): broad 16×60 px strokes from the photo at 1/4 size, " +
        "then medium 9×32, fine 4×12 and detail 2×5 where the canvas differs from a sharper reference by more than 0.10, 0.08, 0.25 (sum over RGB in 0..1); " +
        "stroke tiles int8 (offset to centre, height, random), one slanted tile mirrored and transposed into 4 directions, chosen per pixel by the structure tensor; " +
        "stroke value stepped to 5 levels (60%, dither 0.4), ±5% value per stroke; warm ground (0.50, 0.33, 0.18) at stroke edges (25%); " +
        "relief lit from the upper left ±25% plus ridge highlights and a 2-px canvas weave; umber in the shadows; saturation ×1.3";
    public const string References =
        "A. Hertzmann, \"Painterly rendering with curved brush strokes of multiple sizes\", SIGGRAPH 1998; " +
        "P. Litwinowicz, \"Processing images and video for an impressionist effect\", SIGGRAPH 1997; " +
        "J. E. Kyprianidis, H. Kang, J. Döllner, \"Image and video abstraction by anisotropic Kuwahara filtering\", Computer Graphics Forum 28(7), 2009";

    // Keep Algorithm above in step with these. Sizes are half-widths and half-lengths in pixels of the 512×640 canvas.
    static readonly BrushStrokeLayer Broad = new("broad", TileSize: 128, HalfWidth: 8f, HalfLength: 30f, Seed: 0x0b1u);
    static readonly BrushStrokeLayer Medium = new("medium", TileSize: 128, HalfWidth: 4.5f, HalfLength: 16f, Seed: 0x0b2u);
    static readonly BrushStrokeLayer Fine = new("fine", TileSize: 64, HalfWidth: 2.2f, HalfLength: 6f, Seed: 0x0b3u);
    static readonly BrushStrokeLayer Detail = new("detail", TileSize: 32, HalfWidth: 1.2f, HalfLength: 2.5f, Seed: 0x0b4u);

    // Five values: the planes of a face read at thumbnail size. More looked like a photo; fewer, like a poster.
    const float ValueLevels = 5f, ValueStep = 0.6f, ValueDither = 0.4f, StrokeVariation = 0.1f;
    const float GroundShow = 0.25f, ThinPaint = 0.25f;
    const float Relief = 0.25f, Shine = 0.2f, ShineFrom = 0.3f, Weave = 0.04f, Umber = 0.05f, Saturation = 1.3f;

    public static ForgedPainter Forge()
    {
        var (graph, photo) = PainterContract.Begin(Name);
        var pixels = PixelLookup.Of(photo);
        var direction = photo.Luminance().ChooseDirection(BrushStrokeLayer.Directions, smoothing: 2.0);

        var quarter = photo.AveragePool(4).Blur(1.0, channels: 3);
        var half = photo.AveragePool(2);
        var softHalf = half.Blur(1.0, channels: 3);

        var broad = Broad.Field(pixels, direction);
        var canvas = StrokeColour(pixels.Fetch(quarter, 4, broad.Channels(0, 2)), broad);
        var height = broad.Channels(2, 3);
        (canvas, height) = Overpaint(pixels, canvas, height, Medium.Field(pixels, direction), softHalf, 2, photo, errorBlur: 1.5, threshold: 0.10f);
        (canvas, height) = Overpaint(pixels, canvas, height, Fine.Field(pixels, direction), half, 2, photo, errorBlur: 1.0, threshold: 0.08f);
        (canvas, height) = Overpaint(pixels, canvas, height, Detail.Field(pixels, direction), photo, 1, photo, errorBlur: 0.7, threshold: 0.25f);

        // Where a stroke thins out at its edge the warm ground of the canvas shows through.
        var ground = graph.Colour("ground", 0.50f, 0.33f, 0.18f);
        canvas += (ground - canvas) * ((1f - height * (1f / ThinPaint)).Relu() * GroundShow);
        // Old-master shadows: warmed towards umber in proportion to their depth.
        canvas += (1f - canvas.Luminance()) * graph.Colour("umber", Umber, Umber * 0.3f, -Umber);

        // The paint's height (slightly rounded) lit from the upper left, over the canvas weave; ridges catch the light.
        var emboss = graph.Constant("emboss", [1, 1, 3, 3], [-1, 0, 0, 0, 0, 0, 0, 0, 1]);
        var weave = graph.Texture("canvas_weave", WeaveSize, TextureTiles.CanvasWeave(WeaveSize, thread: 2)).TiledLike(WeaveSize, photo);
        var relief = height.Blur(0.7, channels: 1).PadSpatial(1, "reflect").Conv(emboss) + weave * Weave;
        var painted = canvas.Saturate(Saturation) * (1f + relief * Relief) + (relief - ShineFrom).Relu() * Shine;

        return PainterContract.Finish(graph, painted, Name, Description, Algorithm, References);
    }

    const int WeaveSize = 64;

    /// <summary>
    /// A stroke's paint: the fetched colour with its value stepped towards one of a few levels — dithered by the
    /// stroke's own random number, so a plane's border runs along whole strokes — and the value varied a little, as
    /// no two brushloads are mixed alike. Scaling the colour, not shifting it, keeps its hue.
    /// </summary>
    static GraphValue StrokeColour(GraphValue colour, GraphValue field)
    {
        var random = field.Channels(3, 4) - 0.5f;
        var value = colour.Luminance() + 0.02f;
        var stepped = (value * ValueLevels + random * ValueDither).Round() / ValueLevels;
        return colour * (1f + (stepped / value - 1f) * ValueStep) * (1f + random * StrokeVariation);
    }

    /// <summary>
    /// Hertzmann's refinement: a finer brush paints a stroke only where the canvas so far strays from the reference.
    /// The stray is measured around the stroke's centre (the error blurred, then fetched like the colour), so a stroke is
    /// laid whole or not at all.
    /// </summary>
    /// <param name="pixels"></param>
    /// <param name="canvas"></param>
    /// <param name="height"></param>
    /// <param name="field"></param>
    /// <param name="reference">What the canvas should look like at this brush size, at 1/<paramref name="scale"/> resolution.</param>
    /// <param name="scale"></param>
    /// <param name="colours">Where the new strokes take their colour from (full resolution).</param>
    /// <param name="errorBlur"></param>
    /// <param name="threshold"></param>
    static (GraphValue Canvas, GraphValue Height) Overpaint(PixelLookup pixels, GraphValue canvas, GraphValue height,
        GraphValue field, GraphValue reference, int scale, GraphValue colours, double errorBlur, float threshold)
    {
        var offsets = field.Channels(0, 2);
        var error = ((scale > 1 ? canvas.AveragePool(scale) : canvas) - reference).Abs().ReduceSum(1, keepDims: true)
            .Blur(errorBlur, channels: 1);
        var paint = ((pixels.Fetch(error, scale, offsets) - threshold) * 20f).Clip(0f, 1f);
        var stroke = StrokeColour(pixels.Fetch(colours, 1, offsets), field);
        return (canvas + (stroke - canvas) * paint, height + (field.Channels(2, 3) - height) * paint);
    }
}
