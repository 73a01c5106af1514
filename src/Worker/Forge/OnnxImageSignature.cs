namespace RenderFarm.Worker.Forge;

/// <summary>
/// A graph input or output of the painters' contract: float32 [N,3,H,W] with N, H and W left to the caller.
/// onnx.proto: ValueInfoProto name = 1, type = 2; TypeProto tensor_type = 1; TypeProto.Tensor elem_type = 1,
/// shape = 2; TensorShapeProto dim = 1; Dimension dim_value = 1, dim_param = 2.
/// </summary>
public sealed record OnnxImageSignature(string Name)
{
    public void WriteTo(ProtoWriter valueInfo) => valueInfo
        .String(1, Name)
        .Message(2, type => type.Message(1, tensor => tensor
            .Int32(1, (int)OnnxDataType.Float)
            .Message(2, shape => shape
                .Message(1, dim => dim.String(2, "N"))
                .Message(1, dim => dim.Int64(1, 3))
                .Message(1, dim => dim.String(2, "H"))
                .Message(1, dim => dim.String(2, "W")))));
}
