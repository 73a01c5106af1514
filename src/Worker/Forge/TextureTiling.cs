namespace RenderFarm.Worker.Forge;

/// <summary>
/// Lays a small [1,C,P,P] texture tile over a picture of any size: repeat it ⌈H/P⌉×⌈W/P⌉ times with Tile, then cut
/// it to H×W with Slice. Shape, Add, Div, Concat compute the counts at run time, so one graph serves every canvas.
/// </summary>
public static class TextureTiling
{
    public static GraphValue TiledLike(this GraphValue tile, int period, GraphValue picture)
    {
        var graph = tile.Graph;
        var heightWidth = picture.Shape(2, 4);
        var tileCounts = (heightWidth + graph.Int64s(period - 1)) / graph.Int64s(period);
        var repeats = GraphValue.Concat(0, [graph.Int64s(1, 1), tileCounts]);
        return tile.Tile(repeats).Slice(graph.Int64s(0, 0), heightWidth, graph.Int64s(2, 3));
    }

    /// <summary>A tile from <see cref="TextureTiles"/> as a [1,1,P,P] constant.</summary>
    public static GraphValue Texture(this GraphBuilder graph, string name, int size, float[] pixels) =>
        graph.Constant(name, [1, 1, size, size], pixels);
}
