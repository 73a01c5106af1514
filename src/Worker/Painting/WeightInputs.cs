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
    // ModelProto.graph; GraphProto.initializer, input; TensorProto.name; ValueInfoProto.name.
    const int ModelGraph = 7, GraphInitializer = 5, GraphInput = 11, TensorName = 8, ValueInfoName = 1;

    /// <exception cref="InvalidDataException">The bytes are not an ONNX model.</exception>
    public static byte[] Removed(byte[] model)
    {
        var writer = new ProtoWriter();
        var removed = 0;
        try
        {
            var reader = new ProtoReader(model);
            while (reader.MoveNext())
            {
                var field = reader.Current;
                if (field.Number == ModelGraph && field.WireType == 2)
                    writer.Bytes(ModelGraph, Graph(reader.Value(field), ref removed));
                else
                    writer.Raw(reader.Whole(field));
            }
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"Not an ONNX model: {ex.Message}", ex);
        }
        return removed == 0 ? model : writer.ToArray();
    }

    static byte[] Graph(ReadOnlySpan<byte> graph, ref int removed)
    {
        var weights = new HashSet<string>();
        var reader = new ProtoReader(graph);
        while (reader.MoveNext())
            if (reader.Current is { Number: GraphInitializer, WireType: 2 } initializer)
                weights.Add(NameOf(reader.Value(initializer), TensorName));

        var writer = new ProtoWriter();
        reader = new ProtoReader(graph);
        while (reader.MoveNext())
        {
            var field = reader.Current;
            if (field is { Number: GraphInput, WireType: 2 } && weights.Contains(NameOf(reader.Value(field), ValueInfoName)))
                removed++;
            else
                writer.Raw(reader.Whole(field));
        }
        return writer.ToArray();
    }

    static string NameOf(ReadOnlySpan<byte> message, int nameField)
    {
        var reader = new ProtoReader(message);
        while (reader.MoveNext())
            if (reader.Current is { WireType: 2 } field && field.Number == nameField)
                return System.Text.Encoding.UTF8.GetString(reader.Value(field));
        return "";
    }
}
