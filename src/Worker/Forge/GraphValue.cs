namespace RenderFarm.Worker.Forge;

/// <summary>
/// A named tensor in a graph under construction. Arithmetic operators and the methods below add ONNX nodes, so the
/// painters read like their formulas: <c>c - (c - c * c) * (d - 1)</c> is Bousseau's pigment model, node for node.
/// </summary>
public sealed record GraphValue(GraphBuilder Graph, string Name)
{
    public static GraphValue operator +(GraphValue a, GraphValue b) => a.Binary("Add", b);
    public static GraphValue operator -(GraphValue a, GraphValue b) => a.Binary("Sub", b);
    public static GraphValue operator *(GraphValue a, GraphValue b) => a.Binary("Mul", b);
    public static GraphValue operator /(GraphValue a, GraphValue b) => a.Binary("Div", b);
    public static GraphValue operator +(GraphValue a, float b) => a + a.Graph.Scalar(b);
    public static GraphValue operator -(GraphValue a, float b) => a - a.Graph.Scalar(b);
    public static GraphValue operator *(GraphValue a, float b) => a * a.Graph.Scalar(b);
    public static GraphValue operator /(GraphValue a, float b) => a * a.Graph.Scalar(1f / b);
    public static GraphValue operator +(float a, GraphValue b) => b.Graph.Scalar(a) + b;
    public static GraphValue operator -(float a, GraphValue b) => b.Graph.Scalar(a) - b;
    public static GraphValue operator *(float a, GraphValue b) => b * b.Graph.Scalar(a);

    GraphValue Binary(string opType, GraphValue other) => Graph.Node(opType, [this, other]);
    GraphValue Unary(string opType, params OnnxAttribute[] attributes) => Graph.Node(opType, [this], attributes);

    public GraphValue Max(GraphValue other) => Binary("Max", other);
    public GraphValue Reciprocal() => Unary("Reciprocal");
    public GraphValue Sqrt() => Unary("Sqrt");
    public GraphValue Tanh() => Unary("Tanh");
    public GraphValue Round() => Unary("Round");
    public GraphValue Relu() => Unary("Relu");
    public GraphValue Abs() => Unary("Abs");
    public GraphValue Floor() => Unary("Floor");
    public GraphValue Min(GraphValue other) => Binary("Min", other);
    public GraphValue Exp() => Unary("Exp");
    public GraphValue Neg() => Unary("Neg");

    /// <summary>Comparisons give bool tensors, for <see cref="Where"/> or a Cast to a 0/1 float mask.</summary>
    public GraphValue Greater(GraphValue other) => Binary("Greater", other);
    public GraphValue Less(GraphValue other) => Binary("Less", other);
    public GraphValue GreaterOrEqual(GraphValue other) => Binary("GreaterOrEqual", other);
    public GraphValue Greater(float other) => Greater(Graph.Scalar(other));
    public GraphValue Less(float other) => Less(Graph.Scalar(other));
    public GraphValue GreaterOrEqual(float other) => GreaterOrEqual(Graph.Scalar(other));

    /// <summary>Element by element, <paramref name="whenTrue"/> where this bool tensor holds, else <paramref name="whenFalse"/>.</summary>
    public GraphValue Where(GraphValue whenTrue, GraphValue whenFalse) => Graph.Node("Where", [this, whenTrue, whenFalse]);

    /// <summary>This 1-D table's entries at the given int64 indices (any shape): a lookup table applied per element.</summary>
    public GraphValue Lookup(GraphValue indices) => Graph.Node("Gather", [this, indices], OnnxAttribute.Int("axis", 0));

    /// <summary>The largest value in each 3×3 neighbourhood, same size (a one-pixel dilation; the border sees only what is inside).</summary>
    public GraphValue MaxPool3() =>
        Unary("MaxPool", OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("pads", 1, 1, 1, 1));

    /// <summary>Remainder of division by a constant, for floats (fmod: the sign follows the dividend).</summary>
    public GraphValue Mod(float divisor) => Graph.Node("Mod", [this, Graph.Scalar(divisor)], OnnxAttribute.Int("fmod", 1));

    public GraphValue Cast(OnnxDataType to) => Unary("Cast", OnnxAttribute.Int("to", (long)to));
    public GraphValue Transpose(params long[] permutation) => Unary("Transpose", OnnxAttribute.Ints("perm", permutation));

    /// <summary>Index of the smallest value along an axis, as int64, the axis kept with size 1.</summary>
    public GraphValue ArgMin(long axis) => Unary("ArgMin", OnnxAttribute.Int("axis", axis), OnnxAttribute.Int("keepdims", 1));

    /// <summary>x^e for a constant exponent; the base must not be negative unless e is whole.</summary>
    public GraphValue Pow(float exponent) => Binary("Pow", Graph.Scalar(exponent));
    public GraphValue Clip(float min, float max) => Graph.Node("Clip", [this, Graph.Scalar(min), Graph.Scalar(max)]);

    /// <summary>x^n for a small whole n by repeated squaring: exact for the non-negative bases used here, and cheaper than Pow.</summary>
    public GraphValue PowInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        GraphValue? result = null;
        var square = this;
        for (var bits = n; bits > 0; bits >>= 1)
        {
            if ((bits & 1) == 1) result = result is null ? square : result * square;
            if (bits > 1) square *= square;
        }
        return result!;
    }

    public GraphValue ReduceSum(long axis, bool keepDims) =>
        Graph.Node("ReduceSum", [this, Graph.Int64s(axis)], OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>Sum over several axes, kept with size 1 (a per-image total of an NCHW plane: axes 2 and 3).</summary>
    public GraphValue ReduceSumKept(params long[] axes) =>
        Graph.Node("ReduceSum", [this, Graph.Int64s(axes)], OnnxAttribute.Int("keepdims", 1));

    /// <summary>Pads H and W of an NCHW tensor by the same amount on every side ("reflect" or "edge").</summary>
    public GraphValue PadSpatial(long amount, string mode) =>
        Graph.Node("Pad", [this, Graph.Int64s(0, 0, amount, amount, 0, 0, amount, amount)], OnnxAttribute.String("mode", mode));

    public GraphValue Conv(GraphValue weights, long group = 1) =>
        Graph.Node("Conv", [this, weights], OnnxAttribute.Int("group", group));

    public GraphValue Slice(GraphValue starts, GraphValue ends, GraphValue axes) =>
        Graph.Node("Slice", [this, starts, ends, axes]);

    /// <summary>The picture mirrored left to right (a Slice with step −1 along W).</summary>
    public GraphValue FlipWidth() =>
        Graph.Node("Slice", [this, Graph.Int64s(-1), Graph.Int64s(long.MinValue), Graph.Int64s(3), Graph.Int64s(-1)]);

    /// <summary>Entries of this tensor along <paramref name="axis"/>, in the order of <paramref name="indices"/>.</summary>
    public GraphValue Gather(long axis, params long[] indices) =>
        Graph.Node("Gather", [this, Graph.Int64s(indices)], OnnxAttribute.Int("axis", axis));

    /// <summary>Channels [start, end) of an NCHW tensor.</summary>
    public GraphValue Channels(long start, long end) => Slice(Graph.Int64s(start), Graph.Int64s(end), Graph.Int64s(1));

    public GraphValue Reshape(GraphValue shape) => Graph.Node("Reshape", [this, shape]);

    public GraphValue Reshape(params long[] shape) => Reshape(Graph.Int64s(shape));

    /// <summary>The dims [start, end) of this tensor's shape, as int64 (opset 15 Shape with start/end).</summary>
    public GraphValue Shape(long start, long end) =>
        Unary("Shape", OnnxAttribute.Int("start", start), OnnxAttribute.Int("end", end));

    public GraphValue Shape() => Unary("Shape");

    /// <summary>Drops every axis of size 1 (a one-element shape vector becomes a scalar, as Range wants).</summary>
    public GraphValue Squeeze() => Unary("Squeeze");

    public GraphValue Unsqueeze(long axis) => Graph.Node("Unsqueeze", [this, Graph.Int64s(axis)]);

    /// <summary>start, start + delta, … below limit; all three float scalars.</summary>
    public static GraphValue Range(GraphValue start, GraphValue limit, GraphValue delta) =>
        start.Graph.Node("Range", [start, limit, delta]);

    public GraphValue Tile(GraphValue repeats) => Graph.Node("Tile", [this, repeats]);

    /// <summary>Broadcasts this tensor to a run-time shape (a constant to the batch size, say).</summary>
    public GraphValue Expand(GraphValue shape) => Graph.Node("Expand", [this, shape]);

    /// <summary>Mean over k×k blocks, stride k: a cheap 1/k downscale for work that needs no fine detail.</summary>
    public GraphValue AveragePool(long k) =>
        Unary("AveragePool", OnnxAttribute.Ints("kernel_shape", k, k), OnnxAttribute.Ints("strides", k, k));

    /// <summary>Bilinear resampling of an NCHW tensor to the given full [N,C,H,W] sizes.</summary>
    public GraphValue ResizeTo(GraphValue sizes) =>
        Graph.Node("Resize", [this, Graph.None, Graph.None, sizes], OnnxAttribute.String("mode", "linear"));

    /// <summary>This NCHW tensor resampled (bilinear, half-pixel) to the height and width of another, N and C kept.</summary>
    public GraphValue ResizeToSizeOf(GraphValue other) => ResizeTo(Concat(0, [Shape(0, 2), other.Shape(2, 4)]));

    /// <summary>An NHWC RGBA image (uint8, as the worker holds pixels) as its three NCHW colour planes, same type.</summary>
    public GraphValue RgbPlanes() => Transpose(0, 3, 1, 2).Channels(0, 3);

    /// <summary>This NCHW tensor's shape with the channel count replaced: the sizes to resize a C-channel map to it.</summary>
    public GraphValue ShapeWith(long channels) => Concat(0, [Shape(0, 1), Graph.Int64s(channels), Shape(2, 4)]);

    public static GraphValue Concat(long axis, IReadOnlyList<GraphValue> values) =>
        values[0].Graph.Node("Concat", values, OnnxAttribute.Int("axis", axis));
}
