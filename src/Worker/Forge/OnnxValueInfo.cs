namespace RenderFarm.Worker.Forge;

/// <summary>
/// A graph input or output: its element type and shape, each dim a fixed size ("3") or a name left to the caller ("N").
/// onnx.proto: ValueInfoProto name = 1, type = 2; TypeProto tensor_type = 1; TypeProto.Tensor elem_type = 1,
/// shape = 2; TensorShapeProto dim = 1; Dimension dim_value = 1, dim_param = 2.
/// </summary>
public sealed record OnnxValueInfo(string Name, OnnxDataType DataType, IReadOnlyList<string> Dims)
{
    /// <summary>The painters' contract: float32 [N,3,H,W] with N, H and W left to the caller.</summary>
    public static OnnxValueInfo Image(string name) => new(name, OnnxDataType.Float, ["N", "3", "H", "W"]);

    public void WriteTo(ProtoWriter valueInfo) => valueInfo
        .String(1, Name)
        .Message(2, type => type.Message(1, tensor => tensor
            .Int32(1, (int)DataType)
            .Message(2, shape =>
            {
                foreach (var dim in Dims)
                    shape.Message(1, d =>
                    {
                        if (long.TryParse(dim, out var size)) d.Int64(1, size);
                        else d.String(2, dim);
                    });
            })));
}
