namespace RenderFarm.Worker.Forge;

/// <summary>
/// An ONNX model with its one graph rewritten and every other byte kept: how the worker adjusts a shipped file in
/// memory (after its checksum) without an ONNX library.
/// </summary>
public static class ModelGraphRewrite
{
    /// <summary>What becomes of the graph's bytes (a GraphProto).</summary>
    public delegate byte[] GraphRewriter(ReadOnlySpan<byte> graph);

    // ModelProto.graph.
    const int ModelGraph = 7;

    /// <exception cref="InvalidDataException">The bytes are not an ONNX model (not protobuf, or not one graph).</exception>
    public static byte[] Of(ReadOnlySpan<byte> model, GraphRewriter rewrite)
    {
        var writer = new ProtoWriter();
        var graphs = 0;
        try
        {
            var reader = new ProtoReader(model);
            while (reader.MoveNext())
            {
                var field = reader.Current;
                if (field.Number == ModelGraph && field.WireType == 2)
                {
                    writer.Bytes(ModelGraph, rewrite(reader.Value(field)));
                    graphs++;
                }
                else
                    writer.Raw(reader.Whole(field));
            }
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"Not an ONNX model: {ex.Message}", ex);
        }
        if (graphs != 1) throw new InvalidDataException($"Not an ONNX model: a model has one graph, these bytes have {graphs}.");
        return writer.ToArray();
    }

    /// <summary>The names of a graph's (GraphProto's) weights, its initializers.</summary>
    public static HashSet<string> WeightNames(ReadOnlySpan<byte> graph)
    {
        const int GraphInitializer = 5, TensorName = 8;
        var names = new HashSet<string>();
        var reader = new ProtoReader(graph);
        while (reader.MoveNext())
            if (reader.Current is { Number: GraphInitializer, WireType: 2 } initializer)
                names.Add(NameOf(reader.Value(initializer), TensorName));
        return names;
    }

    /// <summary>A message's string field <paramref name="nameField"/> (a tensor's or a value's name), or "".</summary>
    public static string NameOf(ReadOnlySpan<byte> message, int nameField)
    {
        var reader = new ProtoReader(message);
        while (reader.MoveNext())
            if (reader.Current is { WireType: 2 } field && field.Number == nameField)
                return System.Text.Encoding.UTF8.GetString(reader.Value(field));
        return "";
    }
}
