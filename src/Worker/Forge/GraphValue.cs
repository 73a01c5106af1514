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

    /// <summary>x^e for a constant exponent; the base must not be negative unless e is whole.</summary>
    public GraphValue Pow(float exponent) => Binary("Pow", Graph.Scalar(exponent));
    public GraphValue Clip(float min, float max) => Graph.Node("Clip", [this, Graph.Scalar(min), Graph.Scalar(max)]);

    /// <summary>x^n for a small whole n by repeated squaring: exact for the non-negative bases used here, and cheaper than Pow.</summary>
    public GraphValue PowInt(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n));
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

    /// <summary>Pads H and W of an NCHW tensor by the same amount on every side ("reflect" or "edge").</summary>
    public GraphValue PadSpatial(long amount, string mode) =>
        Graph.Node("Pad", [this, Graph.Int64s(0, 0, amount, amount, 0, 0, amount, amount)], OnnxAttribute.String("mode", mode));

    public GraphValue Conv(GraphValue weights, long group = 1) =>
        Graph.Node("Conv", [this, weights], OnnxAttribute.Int("group", group));

    public GraphValue Slice(GraphValue starts, GraphValue ends, GraphValue axes) =>
        Graph.Node("Slice", [this, starts, ends, axes]);

    public GraphValue Reshape(GraphValue shape) => Graph.Node("Reshape", [this, shape]);

    public GraphValue Reshape(params long[] shape) => Reshape(Graph.Int64s(shape));

    /// <summary>The dims [start, end) of this tensor's shape, as int64 (opset 15 Shape with start/end).</summary>
    public GraphValue Shape(long start, long end) =>
        Unary("Shape", OnnxAttribute.Int("start", start), OnnxAttribute.Int("end", end));

    public GraphValue Shape() => Unary("Shape");

    public GraphValue Tile(GraphValue repeats) => Graph.Node("Tile", [this, repeats]);

    public static GraphValue Concat(long axis, IReadOnlyList<GraphValue> values) =>
        values[0].Graph.Node("Concat", values, OnnxAttribute.Int("axis", axis));
}
