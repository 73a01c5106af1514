namespace RenderFarm.Worker.Forge;

/// <summary>
/// Collects nodes and initializers in creation order and names them from a counter, so the same painter code always
/// yields the same graph, byte for byte. Scalar and int64 constants are shared: the lookup table is only ever
/// searched, never enumerated, so its ordering cannot leak into the file.
/// </summary>
public sealed class GraphBuilder(string graphName)
{
    readonly List<OnnxNode> nodes = [];
    readonly List<OnnxTensor> initializers = [];
    readonly Dictionary<string, GraphValue> sharedConstants = new(StringComparer.Ordinal);
    readonly List<OnnxValueInfo> inputs = [];
    int counter;

    public string GraphName { get; } = graphName;

    /// <summary>The graph input: float32 [N,3,H,W].</summary>
    public GraphValue ImageInput(string name) => Input(OnnxValueInfo.Image(name));

    /// <summary>A graph input of any element type and shape; inputs are listed in the order they are declared.</summary>
    public GraphValue Input(OnnxValueInfo info)
    {
        inputs.Add(info);
        return new GraphValue(this, info.Name);
    }

    public GraphValue Node(string opType, IReadOnlyList<GraphValue> inputs, params OnnxAttribute[] attributes)
    {
        var id = counter++;
        var output = $"{opType.ToLowerInvariant()}_{id}";
        nodes.Add(new OnnxNode(opType, $"{opType}_{id}", [.. inputs.Select(i => i.Name)], [output], attributes));
        return new GraphValue(this, output);
    }

    /// <summary>A rank-0 float constant, for broadcasting arithmetic and Clip bounds.</summary>
    public GraphValue Scalar(float value) =>
        Shared($"f:{BitConverter.SingleToInt32Bits(value):x8}", name => OnnxTensor.Floats(name, [], [value]));

    /// <summary>A 1-D int64 constant (pads, axes, slice bounds, shapes).</summary>
    public GraphValue Int64s(params long[] values) =>
        Shared($"i:{string.Join(',', values)}", name => OnnxTensor.Int64s(name, [values.Length], values));

    /// <summary>The empty name ONNX uses for an optional input left out (Resize's roi and scales).</summary>
    public GraphValue None => new(this, "");

    /// <summary>A float tensor constant (kernels, texture tiles) under a readable name.</summary>
    public GraphValue Constant(string name, long[] dims, float[] values)
    {
        var unique = $"{name}_{counter++}";
        initializers.Add(OnnxTensor.Floats(unique, dims, values));
        return new GraphValue(this, unique);
    }

    /// <summary>An int8 tensor constant; <c>.Cast(OnnxDataType.Float)</c> on it is folded when the model loads.</summary>
    public GraphValue Int8Constant(string name, long[] dims, sbyte[] values)
    {
        var unique = $"{name}_{counter++}";
        initializers.Add(OnnxTensor.Int8s(unique, dims, values));
        return new GraphValue(this, unique);
    }

    /// <summary>A uint8 tensor constant (a table of output bytes to look up).</summary>
    public GraphValue Uint8Constant(string name, long[] dims, byte[] values)
    {
        var unique = $"{name}_{counter++}";
        initializers.Add(OnnxTensor.Uint8s(unique, dims, values));
        return new GraphValue(this, unique);
    }

    GraphValue Shared(string key, Func<string, OnnxTensor> create)
    {
        if (sharedConstants.TryGetValue(key, out var existing))
            return existing;
        var tensor = create($"const_{counter++}");
        initializers.Add(tensor);
        return sharedConstants[key] = new GraphValue(this, tensor.Name);
    }

    /// <summary>
    /// Names the final value as the graph output. It must be the last node's only output and consumed by nothing,
    /// so renaming it in place avoids an Identity copy at the end of every run.
    /// </summary>
    public OnnxModel Build(GraphValue result, OnnxValueInfo output, string documentation, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        if (inputs.Count == 0)
            throw new InvalidOperationException("The graph has no input.");
        var last = nodes[^1];
        if (last.Outputs[0] != result.Name || nodes.Any(n => n.Inputs.Contains(result.Name)))
            throw new InvalidOperationException($"{result.Name} is not the graph's final, unconsumed value.");
        nodes[^1] = last with { Outputs = [output.Name] };
        return new OnnxModel(GraphName, documentation, [.. nodes], [.. initializers], [.. inputs], output, metadata);
    }
}
