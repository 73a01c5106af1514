using RenderFarm.Worker.Forge;

namespace RenderFarm.Worker.Painting;

/// <summary>
/// An ONNX file whose graph inputs and outputs are declared for one image (batch 1), rewritten so that their first
/// dimension is free ("batch"): the face detector and the person segmenter are shipped that way, though nothing in
/// their graphs depends on it (their reshapes take the batch from the tensor's own shape). Every other byte is kept;
/// the graph's value_info, the exporter's shape hints for the values inside, is dropped, since it says batch 1 too
/// and ONNX Runtime infers those shapes itself. The pinned checksum is checked on the file before this runs.
/// </summary>
public static class FreeBatchDimension
{
    /// <summary>The name the rewritten inputs and outputs give their first dimension.</summary>
    public const string Name = "batch";

    // GraphProto.input, output, value_info; ValueInfoProto.name, type;
    // TypeProto.tensor_type; TypeProto.Tensor.shape; TensorShapeProto.dim; Dimension.dim_value, dim_param.
    const int GraphInput = 11, GraphOutput = 12, GraphValueInfo = 13,
        ValueInfoName = 1, ValueInfoType = 2, TypeTensor = 1, TensorShape = 2, ShapeDim = 1, DimValue = 1, DimParam = 2;

    /// <exception cref="InvalidDataException">The bytes are not an ONNX model.</exception>
    /// <exception cref="NotSupportedException">An input or output is declared for more than one image.</exception>
    public static byte[] Of(ReadOnlySpan<byte> model) => ModelGraphRewrite.Of(model, Graph);

    static byte[] Graph(ReadOnlySpan<byte> graph)
    {
        // Older exporters list the weights among the inputs as well: those keep their shapes.
        var weights = ModelGraphRewrite.WeightNames(graph);
        var writer = new ProtoWriter();
        var reader = new ProtoReader(graph);
        while (reader.MoveNext())
        {
            var field = reader.Current;
            var value = field.WireType == 2 ? reader.Value(field) : default;
            switch (field.Number)
            {
                case GraphValueInfo:
                    break;
                case GraphInput when !weights.Contains(ModelGraphRewrite.NameOf(value, ValueInfoName)):
                case GraphOutput:
                    writer.Bytes(field.Number, Rewrite(value, ValueInfoType, FreeTensorType));
                    break;
                default:
                    writer.Raw(reader.Whole(field));
                    break;
            }
        }
        return writer.ToArray();
    }

    static byte[] FreeTensorType(ReadOnlySpan<byte> type) => Rewrite(type, TypeTensor, tensor => Rewrite(tensor, TensorShape, FreeFirstDimension));

    static byte[] FreeFirstDimension(ReadOnlySpan<byte> shape)
    {
        var writer = new ProtoWriter();
        var reader = new ProtoReader(shape);
        var first = true;
        while (reader.MoveNext())
        {
            var field = reader.Current;
            if (field.Number == ShapeDim && first)
            {
                first = false;
                var dimension = new ProtoReader(reader.Value(field));
                while (dimension.MoveNext())
                    if (dimension.Current is { Number: DimValue } size && dimension.Varint(size) != 1)
                        throw new NotSupportedException($"A first dimension of {dimension.Varint(size)} is not a batch of one.");
                writer.Message(ShapeDim, dim => dim.String(DimParam, Name));
            }
            else
                writer.Raw(reader.Whole(field));
        }
        return writer.ToArray();
    }

    // The message with its field `number` (a nested message) replaced by what `rewrite` makes of it.
    static byte[] Rewrite(ReadOnlySpan<byte> message, int number, Rewriter rewrite)
    {
        var writer = new ProtoWriter();
        var reader = new ProtoReader(message);
        while (reader.MoveNext())
        {
            var field = reader.Current;
            if (field.Number == number && field.WireType == 2)
                writer.Bytes(number, rewrite(reader.Value(field)));
            else
                writer.Raw(reader.Whole(field));
        }
        return writer.ToArray();
    }

    delegate byte[] Rewriter(ReadOnlySpan<byte> message);
}
