namespace RenderFarm.Worker.Forge;

/// <summary>
/// Lets each pixel of a picture (any size) take its value from another place: its colour from the centre of the brush
/// stroke that covers it, or its stroke from a texture tile. A flat index per pixel, then GatherElements — on ONNX
/// Runtime's CPU provider about ten times faster than GridSample, and exact, since every lookup here is a whole pixel.
/// The pixel coordinates and sizes come from the picture's run-time shape (Shape, Range), once per graph.
/// </summary>
public sealed class PixelLookup
{
    // A stroke centred beyond the picture takes its colour from this many pixels inside: framing can leave the
    // outermost pixel column darkened, and a brush would smear that into teeth along the border.
    const float BorderMargin = 2f;

    readonly GraphValue x;            // [1,1,1,W] pixel column 0..W−1, as floats
    readonly GraphValue y;            // [1,1,H,1] pixel row 0..H−1
    readonly GraphValue lastColumn;   // [1] W − 1 − margin, as a float
    readonly GraphValue lastRow;      // [1] H − 1 − margin
    readonly GraphValue heightWidth;  // [2] H, W as int64

    PixelLookup(GraphValue x, GraphValue y, GraphValue lastColumn, GraphValue lastRow, GraphValue heightWidth) =>
        (this.x, this.y, this.lastColumn, this.lastRow, this.heightWidth) = (x, y, lastColumn, lastRow, heightWidth);

    public static PixelLookup Of(GraphValue picture)
    {
        var graph = picture.Graph;
        var height = picture.Shape(2, 3).Cast(OnnxDataType.Float);
        var width = picture.Shape(3, 4).Cast(OnnxDataType.Float);
        GraphValue Ramp(GraphValue size, long[] shape) =>
            GraphValue.Range(graph.Scalar(0f), size.Squeeze(), graph.Scalar(1f)).Reshape(shape);
        return new PixelLookup(Ramp(width, [1, 1, 1, -1]), Ramp(height, [1, 1, -1, 1]),
            width - (1f + BorderMargin), height - (1f + BorderMargin), picture.Shape(2, 4));
    }

    /// <summary>
    /// <paramref name="source"/> ([N,C,h,w], the picture pooled by <paramref name="scale"/>: h = ⌊H/scale⌋) read at each
    /// pixel's position plus <paramref name="offsets"/> ([N,2,H,W], whole pixels of the full picture), the position
    /// kept <see cref="BorderMargin"/> inside the picture: [N,C,H,W].
    /// </summary>
    public GraphValue Fetch(GraphValue source, int scale, GraphValue offsets)
    {
        var graph = source.Graph;
        var sourceHeight = source.Shape(2, 3).Cast(OnnxDataType.Float);
        var sourceWidth = source.Shape(3, 4).Cast(OnnxDataType.Float);
        GraphValue Cell(GraphValue position, GraphValue last, GraphValue size)
        {
            var inside = position.Max(graph.Scalar(BorderMargin)).Min(last);
            return scale == 1 ? inside : (inside * (1f / scale)).Floor().Min(size - 1f);
        }
        var column = Cell(x + offsets.Channels(0, 1), lastColumn, sourceWidth);
        var row = Cell(y + offsets.Channels(1, 2), lastRow, sourceHeight);
        // Row and column become int64 before they are combined, so the index is exact on any canvas.
        var index = row.Cast(OnnxDataType.Int64) * source.Shape(3, 4) + column.Cast(OnnxDataType.Int64);
        return Gather(source, index);
    }

    /// <summary>
    /// Texture from an atlas of seamless P×P tiles ([1,C,variants,P,P]): each pixel reads tile number
    /// <paramref name="variant"/> ([N,1,H,W], whole numbers as floats) at its own position modulo P.
    /// </summary>
    public GraphValue FromAtlas(GraphValue atlas, int tileSize, GraphValue variant)
    {
        var graph = atlas.Graph;
        var index = (variant * (tileSize * tileSize) + y.Mod(tileSize) * tileSize + x.Mod(tileSize)).Cast(OnnxDataType.Int64);
        // GatherElements wants the data and the indices equally many in the batch.
        var batch = atlas.Expand(GraphValue.Concat(0, [variant.Shape(0, 1), graph.Int64s(1, 1, 1, 1)]));
        return Gather(batch, index);
    }

    /// <summary>data [N,C,…] flattened per channel, read at index [N,1,H,W] (int64): [N,C,H,W].</summary>
    GraphValue Gather(GraphValue data, GraphValue index)
    {
        var graph = data.Graph;
        var flat = data.Reshape(0, 0, -1);
        var channels = data.Shape(1, 2);
        var indices = index.Reshape(0, 1, -1).Expand(GraphValue.Concat(0, [graph.Int64s(1), channels, graph.Int64s(1)]));
        var gathered = graph.Node("GatherElements", [flat, indices], OnnxAttribute.Int("axis", 2));
        return gathered.Reshape(GraphValue.Concat(0, [index.Shape(0, 1), channels, heightWidth]));
    }
}
