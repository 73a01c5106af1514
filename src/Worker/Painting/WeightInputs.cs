using RenderFarm.Worker.Forge;

namespace RenderFarm.Worker.Painting;

/// <summary>
/// An ONNX file whose weights are also listed among its graph's inputs (older exporters did that; the face detector is
/// shipped so), rewritten without them as inputs. ONNX Runtime treats a weight that a caller could feed as a value
/// known only at run time: it folds no constants through it and fuses no BatchNormalization into the convolution
/// before it (it warns of each such weight). Every other byte is kept; a file without such inputs comes back as it is.
/// ONNX Runtime's own tool for this is onnxruntime/tools/python/remove_initializer_from_input.py.
/// </summary>
public static class WeightInputs
{
    // GraphProto.input; ValueInfoProto.name.
    const int GraphInput = 11, ValueInfoName = 1;

    /// <exception cref="InvalidDataException">The bytes are not an ONNX model.</exception>
    public static byte[] Removed(byte[] model)
    {
        var removed = 0;
        var rewritten = ModelGraphRewrite.Of(model, graph => Graph(graph, ref removed));
        return removed == 0 ? model : rewritten;
    }

    static byte[] Graph(ReadOnlySpan<byte> graph, ref int removed)
    {
        var weights = ModelGraphRewrite.WeightNames(graph);
        var writer = new ProtoWriter();
        var reader = new ProtoReader(graph);
        while (reader.MoveNext())
        {
            var field = reader.Current;
            if (field is { Number: GraphInput, WireType: 2 } && weights.Contains(ModelGraphRewrite.NameOf(reader.Value(field), ValueInfoName)))
                removed++;
            else
                writer.Raw(reader.Whole(field));
        }
        return writer.ToArray();
    }
}
