namespace RenderFarm.Worker.Forge;

/// <summary>
/// One size of brush in a stroke painting: a <see cref="BrushStrokeField"/> tile in four directions, and per pixel
/// the one that <see cref="StrokeOrientation"/> chose, read with <see cref="PixelLookup.FromAtlas"/>.
/// <para>
/// Only one tile is stored, its strokes slanted at ≈22° (direction (5, 2)). Mirroring it and swapping its axes gives
/// the other three, 45° apart — (2, 5), (−5, 2), (−2, 5) — so the model carries a quarter of the table, and strokes
/// are never quite level or plumb, as a painter's hand lays them. Those steps act on a constant, so ONNX Runtime does
/// them once, when it loads the model.
/// </para>
/// </summary>
public sealed record BrushStrokeLayer(string Name, int TileSize, float HalfWidth, float HalfLength, uint Seed)
{
    public static readonly (int X, int Y) Slant = (5, 2);

    /// <summary>The stroke directions of the four variants, in the order of the atlas.</summary>
    public static readonly (int X, int Y)[] Directions = [Slant, (Slant.Y, Slant.X), (-Slant.X, Slant.Y), (-Slant.Y, Slant.X)];

    /// <param name="pixels"></param>
    /// <param name="direction">[N,1,H,W] index into <see cref="Directions"/> per pixel, as a float.</param>
    /// <returns>[N,4,H,W]: offset x and y to the covering stroke's centre, its paint height in 0..1, its random number in 0..1.</returns>
    public GraphValue Field(PixelLookup pixels, GraphValue direction)
    {
        var graph = direction.Graph;
        var channels = BrushStrokeField.Channels;
        var tile = graph.Int8Constant($"strokes_{Name}", [1, channels, TileSize, TileSize],
                BrushStrokeField.Tile(TileSize, Slant, HalfWidth, HalfLength, Seed))
            .Cast(OnnxDataType.Float) * graph.Constant($"strokes_{Name}_scale", [1, channels, 1, 1], [1f, 1f, 1f / 127f, 1f / 127f]);
        // Swapping x and y turns a stroke (a, b) into (b, a): the pixels and the offsets' two channels both swap.
        var swapped = tile.Transpose(0, 1, 3, 2).Gather(1, 1, 0, 2, 3);
        // Mirroring turns (a, b) into (−a, b): the pixels reverse along x and the x offsets change sign.
        var negateX = graph.Constant($"strokes_{Name}_mirror", [1, channels, 1, 1], [-1f, 1f, 1f, 1f]);
        GraphValue[] variants = [tile, swapped, tile.FlipWidth() * negateX, swapped.FlipWidth() * negateX];
        var atlas = GraphValue.Concat(2, [.. variants.Select(v => v.Unsqueeze(2))]);   // [1,C,4,P,P]
        return pixels.FromAtlas(atlas, TileSize, direction);
    }
}
